// Vulnerability matching at fleet scale (issue 4 "Performance"): 200,000 generated advisories are
// imported into a database file (import throughput), the file is opened (open time, target
// < 1 s), then 3,000 installed packages are matched through the (ecosystem, name) index (target
// < 1 s). The same matching done naively, every package against every advisory, is timed beside
// it to show what the index buys.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchPackages } from '../src/engines/advisory/matcher.js';
import type { OsvRecord } from '../src/model/advisory.js';
import { AdvisoryDatabase } from '../src/vulndb/advisory-db.js';
import { importOsv } from '../src/vulndb/importer.js';
import type { Bench } from './bench.js';
import { generateAdvisories, generatePackages } from './vuln-advisories.js';

const ADVISORIES = Number(process.env.PALISADE_BENCH_ADVISORIES ?? 200_000);
const PACKAGES = 3_000;
const PER_FILE = 5_000;
const NAIVE_EVERY = 10;

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

export const vulnMatchBench: Bench = {
  name: 'vuln-match',
  async run() {
    const work = mkdtempSync(join(tmpdir(), 'palisade-bench-vuln-'));
    try {
      // Advisories as osv.dev bundles them: JSON arrays of records, a few thousand per file.
      const dir = join(work, 'osv');
      mkdirSync(dir);
      // Nothing of them stays in memory: the indexed path must not be measured with 200,000
      // records on the heap that only the naive path needs.
      let batch: OsvRecord[] = [];
      let written = 0;
      for (const record of generateAdvisories(ADVISORIES)) {
        batch.push(record);
        if (batch.length === PER_FILE) {
          written += batch.length;
          writeFileSync(join(dir, `bundle-${written}.json`), JSON.stringify(batch));
          batch = [];
        }
      }
      if (batch.length > 0) writeFileSync(join(dir, 'bundle-last.json'), JSON.stringify(batch));

      const path = join(work, 'advisories.db');
      let start = process.hrtime.bigint();
      const writer = AdvisoryDatabase.open(path, { writable: true });
      const report = await importOsv(writer, [dir], { now: () => new Date() });
      writer.close();
      const importMs = ms(start);

      start = process.hrtime.bigint();
      const db = AdvisoryDatabase.open(path);
      const openMs = ms(start);

      const packages = generatePackages(PACKAGES, ADVISORIES);
      const now = new Date('2026-11-27T00:00:00Z');
      start = process.hrtime.bigint();
      // CPU time too: on a shared, loaded machine wall time includes waiting for a core.
      const cpuBefore = process.cpuUsage();
      const indexed = matchPackages(packages, db, { now });
      const matchMs = ms(start);
      const cpu = process.cpuUsage(cpuBefore);
      const matchCpuMs = (cpu.user + cpu.system) / 1000;
      // Second run: parsed records and prepared statements warm, as in a server refreshing a fleet.
      start = process.hrtime.bigint();
      matchPackages(packages, db, { now });
      const warmMatchMs = ms(start);

      // Naive: every package is compared with every advisory's affected entries (a tight loop;
      // generated names are already in normalized form, so they are compared as they are). It is
      // run on every NAIVE_EVERY-th package and scaled up: the whole set takes minutes.
      const sample = packages.filter((_, i) => i % NAIVE_EVERY === 0);
      const sampleIndexed = matchPackages(sample, db, { now });
      db.close();
      const all = [...generateAdvisories(ADVISORIES)];
      start = process.hrtime.bigint();
      const naive = matchPackages(sample, {
        advisoriesFor(ecosystem, name) {
          const hits: OsvRecord[] = [];
          for (const record of all) {
            for (const entry of record.affected ?? []) {
              if (entry.package?.name === name && entry.package.ecosystem === ecosystem) {
                hits.push(record);
                break;
              }
            }
          }
          return hits;
        },
      }, { now });
      const naiveMs = ms(start) * NAIVE_EVERY;
      if (naive.vulnerabilities.length !== sampleIndexed.vulnerabilities.length) throw new Error(`naive found ${naive.vulnerabilities.length}, indexed ${sampleIndexed.vulnerabilities.length}`);

      return {
        advisories: ADVISORIES,
        packages: PACKAGES,
        findings: indexed.vulnerabilities.length,
        importMs: Math.round(importMs),
        importAdvisoriesPerSecond: Math.round((report.sources[0]?.records ?? 0) / (importMs / 1000)),
        openMs: Number(openMs.toFixed(2)),
        matchMs: Math.round(matchMs),
        matchCpuMs: Math.round(matchCpuMs),
        warmMatchMs: Math.round(warmMatchMs),
        naiveMatchMs: Math.round(naiveMs),
        naiveMeasuredOn: `${sample.length} packages, scaled to ${PACKAGES}`,
        loadAverage: loadavg()[0],
        indexSpeedup: Number((naiveMs / matchMs).toFixed(1)),
        targets: { openMs: 1000, matchMs: 1000 },
      };
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  },
};
