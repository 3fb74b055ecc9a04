// Importing an osv.dev-sized all.zip as the server's mirror refresh does, in the server's own event
// loop: how long the import takes and how long the loop is held at a stretch meanwhile (the
// server answers no agent or API request during a stall). The reading-only pass over the same
// archive is the limit the import is measured against.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { AdvisoryDatabase } from '../src/vulndb/advisory-db.js';
import { importOsv } from '../src/vulndb/importer.js';
import { readOsvItems } from '../src/vulndb/osv-files.js';
import { zipOf } from '../src/vulndb/testdata/zip-writer.js';
import type { Bench } from './bench.js';
import { generateAdvisories } from './vuln-advisories.js';

const ADVISORIES = 50_000;

async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; longestStallMs: number; p99StallMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  // A stall is recorded when the monitor's timer finally runs: give it that turn before stopping.
  await new Promise((resolve) => setTimeout(resolve, 50));
  delay.disable();
  return { result, ms: Math.round(ms), longestStallMs: Math.round(delay.max / 1e6), p99StallMs: Math.round(delay.percentile(99) / 1e6) };
}

export const advisoryImportBench: Bench = {
  name: 'advisory-import',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-import-'));
    try {
      const files: Record<string, string> = {};
      for (const record of generateAdvisories(ADVISORIES)) files[`${record.id}.json`] = JSON.stringify(record);
      const archive = join(dir, 'all.zip');
      writeFileSync(archive, zipOf(files));
      const read = await measured(async () => {
        let n = 0;
        for await (const item of readOsvItems(archive)) if ('value' in item) n++;
        return n;
      });
      const db = AdvisoryDatabase.open(join(dir, 'advisories.db'), { writable: true });
      const imported = await measured(() => importOsv(db, [archive], { now: () => new Date() }));
      db.close();
      return {
        advisories: ADVISORIES,
        import: { ms: imported.ms, recordsPerSecond: Math.round((ADVISORIES / imported.ms) * 1000), longestEventLoopStallMs: imported.longestStallMs, p99EventLoopDelayMs: imported.p99StallMs },
        readOnly: { ms: read.ms, records: read.result, longestEventLoopStallMs: read.longestStallMs },
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
