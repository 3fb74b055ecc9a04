// An idle agent's footprint: resident memory and CPU seconds per minute, read from /proc while
// the built agent runs against a local server with nothing to report but heartbeats.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadServerConfig } from '../src/server/config.js';
import { startServer } from '../src/server/start.js';
import { ApiClient } from '../test/support/test-server.js';
import { ROOT } from '../test/support/processes.js';
import type { Bench } from './bench.js';

const WARM_UP_MS = 30_000;
const SAMPLE_MS = 60_000;
const CLOCK_TICKS = 100;

/** CPU of the agent and of the children it has waited for (its disk inventory process): utime, stime, cutime, cstime. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}

/** Resident memory of the agent's live child processes (proc(5): /proc/PID/task/TID/children); one that just exited counts nothing. */
function childrenResidentMb(pid: number): number {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    return children.reduce((total, child) => {
      try {
        return total + residentMb(child);
      } catch {
        return total;
      }
    }, 0);
  } catch {
    return 0;
  }
}

/** VmRSS (resident now) or VmHWM (the most it was resident since it started: no sampling gap misses a short peak). */
function residentMb(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

async function measure(extraArgs: readonly string[]) {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-agent-'));
    const server = await startServer(loadServerConfig({ port: 0, dataDir: join(dir, 'server'), adminPassword: 'bench password 123', logLevel: 'silent', heartbeatSeconds: 30 }), {
      log: pino({ level: 'silent' }),
    });
    const admin = new ApiClient(server.url);
    await admin.login('admin', 'bench password 123');
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'bench' })).body.token;
    // The built agent, as installed hosts run it (dist/, made by npm install).
    const agent = spawn(process.execPath, [join(ROOT, 'bin', 'palisade'), 'agent', '--server', server.url, '--enroll-token', token, '--data-dir', join(dir, 'agent'), '--log-level', 'warn', ...extraArgs], {
      stdio: 'ignore',
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, WARM_UP_MS));
      const pid = agent.pid!;
      const cpuBefore = cpuSeconds(pid);
      let peakMb = 0;
      let peakWithChildrenMb = 0;
      const samples: number[] = [];
      const started = Date.now();
      while (Date.now() - started < SAMPLE_MS) {
        const rss = residentMb(pid);
        samples.push(rss);
        peakMb = Math.max(peakMb, rss);
        peakWithChildrenMb = Math.max(peakWithChildrenMb, rss + childrenResidentMb(pid));
        // Often enough to see a child that lives a second or two.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const cpu = cpuSeconds(pid) - cpuBefore;
      const highWater = residentMb(pid, 'VmHWM');
      return {
        sampledSeconds: SAMPLE_MS / 1000,
        residentMbAverage: Number((samples.reduce((a, b) => a + b, 0) / samples.length).toFixed(1)),
        residentMbPeak: Number(peakMb.toFixed(1)),
        residentMbHighWater: Number(highWater.toFixed(1)),
        residentMbPeakWithChildren: Number(peakWithChildrenMb.toFixed(1)),
        cpuSecondsPerMinute: Number(((cpu * 60_000) / SAMPLE_MS).toFixed(3)),
      };
    } finally {
      agent.kill('SIGTERM');
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
}

export const agentIdleBench: Bench = {
  name: 'agent-idle',
  async run() {
    return {
      // Issue 2: an idle agent (heartbeats, spool, order long-poll, following the auth logs)
      // without the periodic inventory and baseline collection.
      idle: { ...(await measure(['--no-inventory', '--no-baseline'])), targets: { residentMb: 80, cpuSecondsPerMinute: 1 } },
      // Issue 3: the default agent in steady state, every collector on its default schedule after
      // the first collection (jars and web frameworks first run 10 minutes after start, then
      // every 6 hours, so they are not in this minute).
      full: { ...(await measure([])), targets: { residentMb: 100, cpuSecondsPerMinute: 1.2 } },
      // The same agent with its first whole-disk inventory (cold: every jar, archive and package
      // directory read, its per-file results written) 5 s into the sampled minute: the agent's
      // worst minute, once; later disk ticks (every 6 hours) read only what changed.
      firstDiskTick: { ...(await measure(['--disk-inventory-delay', String(WARM_UP_MS / 1000 + 5)])), targets: { residentMb: 100 } },
    };
  },
};
