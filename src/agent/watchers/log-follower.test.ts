// Rotation, restart and bad input on real files in a temporary directory.
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SplitItem } from '../../engines/login/line-splitter.js';
import { LogFollower } from './log-follower.js';

let dir: string;
let log: string;
let state: string;
const followers: LogFollower[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-follow-'));
  log = join(dir, 'auth.log');
  state = join(dir, 'auth.log.state');
});
afterEach(async () => {
  for (const f of followers.splice(0)) await f.close();
  rmSync(dir, { recursive: true, force: true });
});

function follower(warnings: string[] = [], maxLineBytes?: number): LogFollower {
  const f = new LogFollower({ path: log, statePath: state, warn: (m) => warnings.push(m), maxLineBytes });
  followers.push(f);
  return f;
}

async function read(f: LogFollower): Promise<SplitItem[]> {
  const out: SplitItem[] = [];
  await f.poll((items) => {
    out.push(...items);
  });
  return out;
}

const texts = (items: SplitItem[]) => items.map((i) => (i.kind === 'line' ? i.text : `<${i.reason}>`));
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}`);
const write = (path: string, from: number, to: number) => appendFileSync(path, lines(from, to).map((l) => `${l}\n`).join(''));

describe('LogFollower', () => {
  it('reads appended lines once and holds a line until its end arrives', async () => {
    const f = follower();
    write(log, 1, 3);
    appendFileSync(log, 'line 4 first half');
    expect(texts(await read(f))).toEqual(lines(1, 3));
    appendFileSync(log, ' and second half\n');
    const items = await read(f);
    expect(texts(items)).toEqual(['line 4 first half and second half']);
    expect(items[0]?.line).toBe(4);
    expect(await read(f)).toEqual([]);
  });

  it('follows a rotation by rename without losing the lines written to the old file', async () => {
    const f = follower();
    write(log, 1, 3);
    expect(texts(await read(f))).toEqual(lines(1, 3));
    write(log, 4, 5); // written before the rename, never read yet
    renameSync(log, `${log}.1`);
    expect(texts(await read(f))).toEqual(lines(4, 5)); // the new file does not exist yet
    write(`${log}.1`, 6, 6); // the daemon still writes to its open handle
    write(log, 7, 9);
    expect(texts(await read(f))).toEqual([...lines(6, 6), ...lines(7, 9)]);
    write(log, 10, 10);
    expect(texts(await read(f))).toEqual(lines(10, 10));
  });

  it('follows copytruncate, reading the unread tail from the copy', async () => {
    const f = follower();
    write(log, 1, 3);
    expect(texts(await read(f))).toEqual(lines(1, 3));
    write(log, 4, 6);
    copyFileSync(log, `${log}.1`);
    truncateSync(log, 0);
    write(log, 7, 8);
    expect(texts(await read(f))).toEqual(lines(4, 8));
    write(log, 9, 9);
    expect(texts(await read(f))).toEqual(lines(9, 9));
  });

  it('notices copytruncate even when the new file already outgrew the old offset', async () => {
    const f = follower();
    write(log, 1, 2);
    expect(texts(await read(f))).toEqual(lines(1, 2));
    write(log, 3, 3);
    copyFileSync(log, `${log}.1`);
    truncateSync(log, 0);
    appendFileSync(log, lines(100, 120).map((l) => `${l} a longer line\n`).join(''));
    const got = texts(await read(f));
    expect(got[0]).toBe('line 3');
    expect(got.slice(1)).toEqual(lines(100, 120).map((l) => `${l} a longer line`));
  });

  it('remembers its position across restarts, and a rotation while it was down', async () => {
    write(log, 1, 2);
    const first = follower();
    expect(texts(await read(first))).toEqual(lines(1, 2));
    await first.close();
    write(log, 3, 4);
    const second = follower();
    const resumed = await read(second);
    expect(texts(resumed)).toEqual(lines(3, 4));
    expect(resumed[0]?.line).toBe(3);
    await second.close();
    write(log, 5, 5);
    renameSync(log, `${log}.1`);
    write(log, 6, 7);
    const third = follower();
    expect(texts(await read(third))).toEqual(lines(5, 7));
  });

  it('reads a file that shrank without a copy again from the start, with a warning', async () => {
    const warnings: string[] = [];
    const f = follower(warnings);
    write(log, 1, 5);
    await read(f);
    writeFileSync(log, 'fresh\n');
    expect(texts(await read(f))).toEqual(['fresh']);
    expect(warnings.join('\n')).toMatch(/shrank/);
  });

  it('counts and skips 1 MB lines and binary lines, and keeps going', async () => {
    const f = follower([], 64 * 1024);
    appendFileSync(log, 'before\n');
    appendFileSync(log, `${'x'.repeat(1024 * 1024)}\n`);
    appendFileSync(log, Buffer.from([0x61, 0x00, 0x62, 0x0a]));
    appendFileSync(log, 'after\n');
    expect(texts(await read(f))).toEqual(['before', '<too_long>', '<binary>', 'after']);
  });

  it('warns about a path it cannot read (a directory) and reads the log once it is a file', async () => {
    const warnings: string[] = [];
    const f = follower(warnings);
    mkdirSync(log);
    expect(await read(f)).toEqual([]);
    expect(await read(f)).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/auth\.log: cannot be read \(not a regular file\)/)]);
    rmdirSync(log);
    write(log, 1, 1);
    expect(texts(await read(f))).toEqual(lines(1, 1));
  });
});
