import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DROPPED_EVENT_TYPE, Spool } from './spool.js';

const now = new Date('2026-11-27T09:00:00Z');
const event = (i: number) => ({ type: 'test.event', time: now.toISOString(), data: { i } });

describe('agent spool', () => {
  const dirs: string[] = [];
  const tempPath = () => {
    const dir = mkdtempSync(join(tmpdir(), 'palisade-spool-'));
    dirs.push(dir);
    return join(dir, 'spool.db');
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps events in order across reopening, with the same spool id', () => {
    const path = tempPath();
    const spool = new Spool(path);
    spool.append([event(1), event(2), event(3)]);
    const id = spool.spoolId;
    spool.close();
    const reopened = new Spool(path);
    expect(reopened.spoolId).toBe(id);
    expect(reopened.peek(10).map((e) => e.data.i)).toEqual([1, 2, 3]);
    expect(reopened.stats().pending).toBe(3);
    reopened.close();
  });

  it('removes only acknowledged events and never reuses a sequence number', () => {
    const spool = new Spool(tempPath());
    spool.append([event(1), event(2), event(3)]);
    const [first, second] = spool.peek(2);
    spool.ack([first!.seq, second!.seq], now);
    spool.append([event(4)]);
    const left = spool.peek(10);
    expect(left.map((e) => e.data.i)).toEqual([3, 4]);
    expect(left[1]!.seq).toBeGreaterThan(left[0]!.seq);
    expect(left[0]!.seq).toBeGreaterThan(second!.seq);
    spool.close();
  });

  it('refuses events when full, counts them by type, and reports them once there is room', () => {
    const spool = new Spool(tempPath(), { maxEvents: 3, maxBytes: 1 << 20 });
    expect(spool.append([event(1), event(2), event(3), event(4), { ...event(5), type: 'other.event' }])).toEqual({ accepted: 3, dropped: 2 });
    expect(spool.stats().dropped).toEqual({ 'test.event': 1, 'other.event': 1 });
    spool.ack([spool.peek(1)[0]!.seq], now);
    const batch = spool.peek(10);
    expect(batch.map((e) => e.type)).toEqual(['test.event', 'test.event', DROPPED_EVENT_TYPE]);
    expect(batch[2]!.data).toMatchObject({ counts: { 'test.event': 1, 'other.event': 1 } });
    expect(spool.stats().dropped).toEqual({});
    spool.close();
  });

  it('bounds a batch by bytes but always returns at least one event', () => {
    const spool = new Spool(tempPath());
    spool.append([{ type: 'big', time: now.toISOString(), data: { blob: 'x'.repeat(5000) } }, event(2)]);
    expect(spool.peek(10, 100)).toHaveLength(1);
    spool.close();
  });
});
