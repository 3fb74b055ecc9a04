import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { HostView } from '../view/host-view.js';
import { Resources } from '../model/inventory.js';
import { cpuTimes, parseMeminfo } from './proc-files.js';
import { resources } from './resources.js';

describe('resources', () => {
  it('samples CPU, memory, disks and interfaces of this machine, agreeing with df and /proc', async () => {
    const sampledAt = new Date('2026-01-01T00:00:00Z');
    const { items, warnings } = await resources.collect(new HostView(), { now: () => sampledAt });
    expect(warnings).toEqual([]);
    expect(items).toHaveLength(1);
    const sample = Resources.parse(items[0]);
    expect(sample.sampledAt).toBe('2026-01-01T00:00:00.000Z');
    expect(sample.cpu.count).toBe(cpus().length);
    expect(sample.cpu.usagePercent).toBeGreaterThanOrEqual(0);
    expect(sample.cpu.usagePercent).toBeLessThanOrEqual(100);
    expect(sample.memory.totalBytes).toBe(totalmem());
    expect(sample.memory.usedBytes + sample.memory.availableBytes).toBe(sample.memory.totalBytes);
    const root = execFileSync('df', ['-P', '-B1', '/'], { encoding: 'utf8' }).trim().split('\n')[1]?.split(/\s+/);
    expect(sample.disks.find((d) => d.mountPoint === '/')).toMatchObject({ device: root?.[0], totalBytes: Number(root?.[1]) });
    expect(sample.network.map((n) => n.interface)).toContain('lo');
  });

  it('parses /proc/stat and /proc/meminfo as proc(5) describes them', () => {
    expect(cpuTimes('cpu  100 0 50 800 50 0 0 0 10 0\ncpu0 1 2 3 4\n')).toEqual({ total: 1000, idle: 850 });
    expect(cpuTimes('garbage')).toBeNull();
    expect(parseMeminfo('MemTotal:       16316412 kB\nHugePages_Total:       0\n')).toEqual(new Map([['MemTotal', 16316412 * 1024], ['HugePages_Total', 0]]));
  });
});
