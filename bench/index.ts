// Every benchmark `npm run bench` runs, one line each.
import type { Bench } from './bench.js';

export const benches: readonly Bench[] = [];
