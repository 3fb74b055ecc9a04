// Agent cost of watching logins: CPU of a process that follows an auth log (LogFollower polling
// every 250 ms, parsing with LoginLogReader) while the log grows by 1,000 lines a second, written
// in 100-line batches every 100 ms from fail2ban's sshd corpus lines.
import { fork } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench.js';

const CORPUS = new URL('../../shared/corpora/authlogs/fail2ban-sshd.log', import.meta.url);
const SECONDS = Number(process.env.PALISADE_BENCH_FOLLOW_SECONDS ?? 30);
const LINES_PER_SECOND = 1000;

export const loginFollowBench: Bench = {
  name: 'login-follow',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-follow-'));
    const log = join(dir, 'auth.log');
    writeFileSync(log, '');
    const corpus = readFileSync(CORPUS, 'latin1').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
    const child = fork(new URL('./login-follow-child.ts', import.meta.url).pathname, [log, join(dir, 'state.json'), '250'], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        child.once('message', () => resolve());
        child.once('error', reject);
      });
      let written = 0;
      const batches = SECONDS * 10;
      for (let batch = 0; batch < batches; batch++) {
        const lines: string[] = [];
        for (let i = 0; i < LINES_PER_SECOND / 10; i++) lines.push(corpus[(written + i) % corpus.length] ?? '');
        appendFileSync(log, `${lines.join('\n')}\n`);
        written += lines.length;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const report = new Promise<{ lines: number; events: number; seconds: number; cpuSeconds: number; rssMb: number }>((resolve) => child.once('message', resolve as never));
      child.send('stop');
      const result = await report;
      return {
        linesWritten: written,
        linesRead: result.lines,
        events: result.events,
        seconds: Number(result.seconds.toFixed(1)),
        cpuPercentOfOneCore: Number(((100 * result.cpuSeconds) / result.seconds).toFixed(2)),
        residentMb: Number(result.rssMb.toFixed(1)),
      };
    } finally {
      child.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
