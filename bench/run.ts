// `npm run bench [name…]`: runs the benchmarks (all, or those named) and prints one JSON object.
import { benches } from './index.js';

const wanted = process.argv.slice(2);
const results: Record<string, unknown> = {};
for (const bench of benches) {
  if (wanted.length > 0 && !wanted.includes(bench.name)) continue;
  process.stderr.write(`bench: ${bench.name}…\n`);
  try {
    results[bench.name] = await bench.run();
  } catch (error) {
    results[bench.name] = { error: error instanceof Error ? error.message : String(error) };
  }
}
console.log(JSON.stringify({ machine: { cpus: (await import('node:os')).cpus().length, node: process.version }, results }, null, 2));
