// Every benchmark `npm run bench` runs, one line each.
import { agentIdleBench } from './agent-idle.js';
import type { Bench } from './bench.js';
import { ingestBench } from './ingest.js';
import { loginFollowBench } from './login-follow.js';
import { loginParseBench } from './login-parse.js';
import { malwareScanBench } from './malware-scan.js';
import { secretScanBench } from './secret-scan.js';
import { startBench } from './start.js';

export const benches: readonly Bench[] = [
  ingestBench,
  agentIdleBench,
  startBench,
  secretScanBench,
  malwareScanBench,
  loginParseBench,
  loginFollowBench,
];
