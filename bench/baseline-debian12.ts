// Baseline evaluation of the corpus's CIS Debian 12 policy (207 checks) on this host, trusted so
// its command rules run: wall time, this process's CPU and the CPU of the commands it ran (the
// policy's own cost). Beside it, the physical floor of that work: spawning `true` as many times
// as commands were run, with the same parallelism. Aim (issue 7): under 2 s wall.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { evaluatePolicy } from '../src/engines/baseline/evaluator.js';
import { DEFAULT_OPTIONS } from '../src/engines/baseline/context.js';
import { loadPolicy } from '../src/engines/baseline/policy-loader.js';
import { HostView } from '../src/view/host-view.js';
import type { Bench } from './bench.js';

const policyFile = new URL('../../shared/corpora/sca/cis_debian12.yml', import.meta.url);
const run = promisify(execFile);
/** USER_HZ: the unit of /proc/self/stat times, 100 on every mainstream Linux build. */
const CLOCK_TICKS = 100;

/** CPU milliseconds of the children this process has waited for (cutime + cstime). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // Fields after "(comm) ": state is index 0, so cutime (field 16) is 13 and cstime (17) is 14.
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
}

async function measure(view: HostView, text: string) {
  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  const childrenStart = childrenCpuMs();
  const loaded = loadPolicy(text, 'cis_debian12.yml');
  const loadedAt = performance.now();
  if (!loaded.policy) throw new Error(`cis_debian12.yml rejected: ${loaded.errors[0]?.message}`);
  const evaluation = await evaluatePolicy(loaded.policy, view, { trustCommands: true });
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  const results: Record<string, number> = {};
  for (const result of evaluation.results) results[result.result] = (results[result.result] ?? 0) + 1;
  return {
    wallMs: Math.round(wallMs),
    loadMs: Math.round(loadedAt - wallStart),
    evaluateMs: Math.round(wallMs - (loadedAt - wallStart)),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    commandsCpuMs: Math.round(childrenCpuMs() - childrenStart),
    commandsRun: evaluation.commandsRun,
    checks: evaluation.results.length,
    results,
  };
}

/** `true` spawned `count` times, `concurrency` at a time: what running that many commands costs at least. */
async function spawnFloor(count: number, concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < count) await run('true', [], { timeout: 10_000 });
    }),
  );
  return Math.round(performance.now() - started);
}

export const baselineDebian12Bench: Bench = {
  name: 'baseline-debian12',
  async run() {
    const text = readFileSync(policyFile, 'utf8');
    const view = new HostView();
    const load = loadavg()[0];
    const cold = await measure(view, text);
    const warm = await measure(view, text);
    return {
      host: readFileSync('/etc/debian_version', 'utf8').trim(),
      loadAverage1m: load === undefined ? null : Math.round(load * 100) / 100,
      concurrency: DEFAULT_OPTIONS.concurrency,
      cold,
      warm,
      spawnFloorMs: await spawnFloor(warm.commandsRun, DEFAULT_OPTIONS.concurrency),
      targetWallMs: 2000,
    };
  },
};
