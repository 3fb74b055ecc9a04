// Live host: the collector must agree with ps(1) about the processes that live through the test,
// and hash the very binary a process runs, even when that binary was deleted after exec.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Process } from '../model/inventory.js';
import { DirView } from '../view/dir-view.js';
import { HostView } from '../view/host-view.js';
import { processesCollector } from './processes.js';

const context = { now: () => new Date() };

interface PsRow {
  pid: number;
  ppid: number;
  user: string;
  comm: string;
  args: string;
}

function ps(): Map<number, PsRow> {
  // Wide user column: ps shortens names longer than the column to "name+".
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,user:64=,comm=,args='], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
  const rows = new Map<number, PsRow>();
  for (const line of out.split('\n')) {
    const match = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.{15}|\S+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [, pid, ppid, user, , args] = match as unknown as [string, string, string, string, string, string];
    rows.set(Number(pid), { pid: Number(pid), ppid: Number(ppid), user, comm: '', args });
  }
  return rows;
}

let work: string;
let child: ChildProcess;
let binarySha256: string;
const oddName = 'pal (odd) name';

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-proc-'));
  const binary = join(work, oddName);
  copyFileSync('/bin/sleep', binary);
  binarySha256 = createHash('sha256').update(readFileSync(binary)).digest('hex');
  child = spawn(binary, ['300', '1'], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('spawn', resolve));
  rmSync(binary); // the process keeps running its deleted binary
});
afterAll(() => {
  child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

describe('processes collector on the live host', () => {
  it('agrees with ps about every process alive before and after the collection', async () => {
    const before = ps();
    const output = await processesCollector.collect(new HostView(), context);
    const after = ps();
    expect(output.warnings).toEqual([]);
    const byPid = new Map(output.items.map((item) => [item.pid, item]));
    // Only processes that did not change meanwhile (no exit, no new title, no new parent) can be compared.
    const stable = [...before.values()].filter((row) => {
      const later = after.get(row.pid);
      return later?.args === row.args && later.ppid === row.ppid && later.user === row.user;
    });
    expect(stable.length).toBeGreaterThan(10);
    for (const row of stable) {
      const item = byPid.get(row.pid);
      expect(item, `pid ${row.pid} (${row.args})`).toBeDefined();
      // ps prints a newline in a command line as a space and other control characters as '?'
      // (a `bash -c` script spans many lines); the collector keeps the real bytes.
      const printable = item && [...item.commandLine].map((c) => (c === '\n' ? ' ' : c < ' ' || c === '\u007f' ? '?' : c)).join('');
      // A kernel worker's name names the work it is doing at the moment: it may change between reads.
      const commandLine = row.args.startsWith('[kworker/') ? printable?.replace(/-.*\]$/, ']') : printable;
      expect({ pid: item?.pid, ppid: item?.ppid, user: item?.user, commandLine }).toEqual({
        pid: row.pid,
        ppid: row.ppid,
        user: row.user,
        commandLine: row.args.startsWith('[kworker/') ? row.args.replace(/-.*\]$/, ']') : row.args,
      });
    }
    for (const item of output.items) expect(Process.parse(item)).toEqual(item);
  });

  it('hashes executables, names oddly named processes, and gives start times', async () => {
    const output = await processesCollector.collect(new HostView(), context);
    const mine = output.items.find((item) => item.pid === child.pid);
    expect(mine).toMatchObject({ name: oddName, ppid: process.pid, executable: `${join(work, oddName)} (deleted)`, executableSha256: binarySha256, containerId: null });
    expect(mine?.commandLine).toBe(`${join(work, oddName)} 300 1`);

    const self = output.items.find((item) => item.pid === process.pid);
    expect(self?.executable).toBe(process.execPath);
    expect(self?.executableSha256).toBe(createHash('sha256').update(readFileSync(process.execPath)).digest('hex'));
    // ps prints the start time to the second; ours is within that second.
    const lstart = execFileSync('ps', ['-o', 'lstart=', '-p', String(process.pid)], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', LC_ALL: 'C' } });
    const psStart = Date.parse(`${lstart.trim()} UTC`);
    expect(Math.abs(Date.parse(self?.startTime ?? '') - psStart)).toBeLessThan(1000);

    const kernelThread = output.items.find((item) => item.pid === 2);
    if (kernelThread) expect(kernelThread).toMatchObject({ name: 'kthreadd', executable: null, commandLine: '[kthreadd]' });
  });

  it('marks a zombie as ps does, so it is not taken for a kernel thread', async () => {
    // The shell starts a child that exits at once, then becomes sleep, which never reaps it.
    const parent = spawn('sh', ['-c', '/bin/true & exec sleep 30'], { stdio: 'ignore' });
    try {
      let zombie: PsRow | undefined;
      for (let tries = 0; tries < 100 && !zombie; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        zombie = [...ps().values()].find((row) => row.ppid === parent.pid && row.args.endsWith('<defunct>'));
      }
      expect(zombie?.args).toBe('[true] <defunct>');
      const output = await processesCollector.collect(new HostView(), context);
      expect(output.items.find((item) => item.pid === zombie?.pid)).toMatchObject({ ppid: parent.pid, name: 'true', commandLine: '[true] <defunct>', executable: null });
    } finally {
      parent.kill('SIGKILL');
    }
  });

  it('skips processes that exit while /proc is read, without a warning', async () => {
    // A shell starting and reaping short-lived processes for the whole collection.
    const churn = spawn('sh', ['-c', 'while :; do /bin/true; /bin/true; /bin/true; done'], { stdio: 'ignore' });
    try {
      for (let round = 0; round < 5; round++) {
        const output = await processesCollector.collect(new HostView(), context);
        expect(output.warnings).toEqual([]);
        for (const item of output.items) expect(Process.parse(item)).toEqual(item);
        expect(output.items.some((item) => item.pid === churn.pid)).toBe(true);
      }
    } finally {
      churn.kill('SIGKILL');
    }
  });

  it('collects nothing from a directory view (no running system)', async () => {
    expect(processesCollector.liveOnly).toBe(true);
    const output = await processesCollector.collect(await DirView.open(work), context);
    expect(output.items).toEqual([]);
  });
});
