// The agent's disk tick: web frameworks, jars and language packages collected one after another
// over this host through one shared walk (src/collectors/disk-walk/), each run in a child process
// so its peak resident memory is its own, beside a child that loads the same code and collects
// nothing (what the tick adds is the difference). Run through tsx, which itself adds to both.
// Three ticks: "scan" keeps nothing (as `palisade scan host` reads), "cold" is an agent's first
// tick (every file read, its results written to a fresh file), "warm" the next tick of a new
// process over that file (only files changed since are read; the file is read and written).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench.js';

function child(...args: string[]): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'disk-tick-child.ts'), ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`disk tick failed: ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

export const diskTickBench: Bench = {
  name: 'disk-tick',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-disk-tick-'));
    const file = join(dir, 'disk-results.json');
    try {
      const floor = child('none');
      const added = (tick: Record<string, unknown>) => ({ ...tick, addedMaxRssMB: Number(tick.maxRssMB) - Number(floor.maxRssMB) });
      const scan = added(child('tick'));
      const cold = added(child('tick', file));
      const resultsFileKB = Math.round(statSync(file).size / 1024);
      const warm = added(child('tick', file));
      return { floorMaxRssMB: floor.maxRssMB, scan, cold, warm, resultsFileKB };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
