// Login log parsing throughput: the corpus sshd log (fail2ban's, annotations stripped) repeated
// to PALISADE_BENCH_LOGIN_MB (default 200 MB), parsed by Palisade's reader (split, parse,
// classify, merge), beside Debian's fail2ban-regex with the sshd filter in aggressive mode (the
// broadest, as Palisade has one mode). fail2ban-regex is far slower, so it reads a slice of the
// same file (PALISADE_BENCH_F2B_MB, default 8 MB) and lines per second are compared. Matches are
// compared on that slice: lines fail2ban matched vs lines where Palisade completed a failure
// with a source address.
import { spawnSync } from 'node:child_process';
import { closeSync, createReadStream, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LineSplitter } from '../src/engines/login/line-splitter.js';
import { LoginLogReader } from '../src/engines/login/log-reader.js';
import type { Bench } from './bench.js';

const CORPUS = new URL('../../shared/corpora/authlogs/fail2ban-sshd.log', import.meta.url);
const MB = 1024 * 1024;

function buildFile(path: string, megabytes: number): number {
  const lines = readFileSync(CORPUS, 'latin1').split('\n').filter((line) => line !== '' && !line.startsWith('#'));
  const block = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
  const fd = openSync(path, 'w');
  let written = 0;
  let count = 0;
  while (written < megabytes * MB) {
    writeSync(fd, block);
    written += block.length;
    count += lines.length;
  }
  closeSync(fd);
  return count;
}

/** CPU seconds of reaped children (cutime + cstime in /proc/self/stat): fair on a busy machine. */
function childrenCpuSeconds(): number {
  const fields = (readFileSync('/proc/self/stat', 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

async function palisade(path: string): Promise<{ seconds: number; cpuSeconds: number; lines: number; failureLines: number; events: number }> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const reader = new LoginLogReader({ file: path, context: { now: new Date('2026-11-27T00:00:00Z'), utcOffsetMinutes: 0 } });
  const splitter = new LineSplitter();
  // Lines with a failure, counted once each. A byte per line rather than a Set: a Set of a
  // million line numbers (growing, rehashed, scanned by the GC) cost a quarter of the time this
  // bench is meant to give the parser.
  let failureLine = new Uint8Array(1 << 20);
  let failureLines = 0;
  let events = 0;
  const take = (list: ReturnType<LoginLogReader['push']>) => {
    for (const event of list) {
      events++;
      if (event.type !== 'failure' || event.sourceIp === null) continue;
      if (event.line >= failureLine.length) {
        const grown = new Uint8Array(Math.max(failureLine.length * 2, event.line + 1));
        grown.set(failureLine);
        failureLine = grown;
      }
      if (failureLine[event.line] === 0) {
        failureLine[event.line] = 1;
        failureLines++;
      }
    }
  };
  for await (const chunk of createReadStream(path, { highWaterMark: MB }) as AsyncIterable<Buffer>) {
    for (const item of splitter.push(chunk)) take(reader.push(item));
  }
  for (const item of splitter.end()) take(reader.push(item));
  take(reader.end());
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6, lines: reader.counts.lines, failureLines, events };
}

function fail2banRegex(path: string): { seconds: number; cpuSeconds: number; lines: number; matched: number; version: string } | { error: string } {
  const version = spawnSync('fail2ban-regex', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) return { error: 'fail2ban-regex not installed (apt-get install fail2ban)' };
  const started = process.hrtime.bigint();
  const cpuBefore = childrenCpuSeconds();
  const run = spawnSync('fail2ban-regex', ['--print-no-missed', '--print-no-ignored', path, 'sshd[mode=aggressive]'], { encoding: 'utf8', maxBuffer: 64 * MB });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = childrenCpuSeconds() - cpuBefore;
  const summary = /Lines: (\d+) lines, (\d+) ignored, (\d+) matched/.exec(run.stdout);
  if (!summary) return { error: `fail2ban-regex gave no summary: ${run.stderr.slice(0, 300)}` };
  return { seconds, cpuSeconds, lines: Number(summary[1]), matched: Number(summary[3]), version: version.stdout.trim().split('\n')[0] ?? '' };
}

export const loginParseBench: Bench = {
  name: 'login-parse',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-bench-login-'));
    try {
      const bigMb = Number(process.env.PALISADE_BENCH_LOGIN_MB ?? 200);
      const sliceMb = Number(process.env.PALISADE_BENCH_F2B_MB ?? 8);
      const big = join(dir, 'auth-big.log');
      const slice = join(dir, 'auth-slice.log');
      buildFile(big, bigMb);
      buildFile(slice, sliceMb);
      const ours = await palisade(big);
      const oursOnSlice = await palisade(slice);
      const theirs = fail2banRegex(slice);
      const oursRate = ours.lines / ours.seconds;
      const oursCpuRate = ours.lines / ours.cpuSeconds;
      const result: Record<string, unknown> = {
        palisade: {
          fileMb: bigMb, lines: ours.lines, seconds: Number(ours.seconds.toFixed(2)), cpuSeconds: Number(ours.cpuSeconds.toFixed(2)),
          linesPerSecond: Math.round(oursRate), linesPerCpuSecond: Math.round(oursCpuRate), mbPerSecond: Number((bigMb / ours.seconds).toFixed(1)),
          events: ours.events, linesWithFailure: ours.failureLines,
        },
      };
      if ('error' in theirs) return { ...result, fail2ban: theirs };
      const theirRate = theirs.lines / theirs.seconds;
      const theirCpuRate = theirs.lines / theirs.cpuSeconds;
      return {
        ...result,
        fail2ban: {
          version: theirs.version, filter: 'sshd[mode=aggressive]', fileMb: sliceMb, lines: theirs.lines,
          seconds: Number(theirs.seconds.toFixed(2)), cpuSeconds: Number(theirs.cpuSeconds.toFixed(2)),
          linesPerSecond: Math.round(theirRate), linesPerCpuSecond: Math.round(theirCpuRate), matchedLines: theirs.matched,
        },
        sameSlice: { palisadeLinesWithFailure: oursOnSlice.failureLines, fail2banMatchedLines: theirs.matched, palisadeSeconds: Number(oursOnSlice.seconds.toFixed(2)) },
        /** Wall-clock lines/s ratio, and the CPU-time ratio (steadier when other work shares the cores). */
        speedup: Number((oursRate / theirRate).toFixed(1)),
        speedupCpu: Number((oursCpuRate / theirCpuRate).toFixed(1)),
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
