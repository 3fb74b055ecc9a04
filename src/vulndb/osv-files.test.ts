// Reading an archive leaves the event loop turns: a server importing an all.zip of tens of
// thousands of advisories keeps answering requests meanwhile (measured in bench/advisory-import.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readOsvItems } from './osv-files.js';
import { zipOf } from './testdata/zip-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-osv-files-'));

describe('readOsvItems on an archive', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lets other work run between entries of a large archive', async () => {
    const files: Record<string, string> = {};
    for (let n = 0; n < 2000; n++) files[`GHSA-${n}.json`] = JSON.stringify({ id: `GHSA-${n}`, modified: '2026-01-01T00:00:00Z' });
    const archive = join(dir, 'all.zip');
    writeFileSync(archive, zipOf(files));
    // Work queued on the event loop (as an incoming request would be) counts its turns.
    let turns = 0;
    let stop = false;
    const tick = () => {
      turns++;
      if (!stop) setImmediate(tick);
    };
    setImmediate(tick);
    const turnsSeen: number[] = [];
    let records = 0;
    for await (const item of readOsvItems(archive)) {
      if ('value' in item) records++;
      if (records % 500 === 0) turnsSeen.push(turns);
    }
    stop = true;
    expect(records).toBe(2000);
    // Between every two checkpoints the loop turned: not only while the file itself was read.
    expect(turnsSeen).toHaveLength(4);
    for (let i = 1; i < turnsSeen.length; i++) expect(turnsSeen[i]).toBeGreaterThan(turnsSeen[i - 1]!);
  });
});
