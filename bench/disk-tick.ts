// The agent's disk tick: web frameworks, jars and language packages collected one after another
// over this host through one shared walk (src/collectors/disk-walk/), each run in a child process
// so its peak resident memory is its own, beside a child that loads the same code and collects
// nothing (what the tick adds is the difference). Run through tsx, which itself adds to both.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Bench } from './bench.js';

function child(mode: 'tick' | 'none'): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'disk-tick-child.ts'), mode], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`disk tick failed: ${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

export const diskTickBench: Bench = {
  name: 'disk-tick',
  async run() {
    const floor = child('none');
    const tick = child('tick');
    return { tick, floorMaxRssMB: floor.maxRssMB, addedMaxRssMB: Number(tick.maxRssMB) - Number(floor.maxRssMB) };
  },
};
