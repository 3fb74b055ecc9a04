// Builds (or rebuilds with --force) the sample advisory database shipped for the demo, from the
// real OSV records of ../shared/corpora. Run: node --import tsx scripts/sample-advisory-db.ts [PATH] [--force]
// `palisade scan` and `palisade db info` also build it on first use (ensureSampleDatabase).
import { existsSync } from 'node:fs';
import { buildSampleDatabase, SAMPLE_DATABASE_PATH } from '../src/vulndb/sample-db.js';

const args = process.argv.slice(2);
const path = args.find((a) => !a.startsWith('--')) ?? SAMPLE_DATABASE_PATH;
if (existsSync(path) && !args.includes('--force')) {
  console.log(`${path} exists (use --force to rebuild)`);
} else {
  const report = await buildSampleDatabase(path);
  for (const s of report.sources) console.log(`${s.location}: ${s.records} records, ${s.skipped} skipped`);
  for (const e of report.errors) console.error(`skipped: ${e}`);
  console.log(`wrote ${path}`);
}
