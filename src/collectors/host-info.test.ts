import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, hostname, totalmem } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostView } from '../view/host-view.js';
import { hostInfo } from './host-info.js';
import { unpackAlpineRootfs, type Rootfs } from './rootfs-fixture.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('host info', () => {
  let alpine: Rootfs;
  beforeAll(async () => {
    alpine = await unpackAlpineRootfs();
  });
  afterAll(async () => {
    await alpine.remove();
  });

  it('describes the real alpine:3.10 root filesystem, with nothing a running system would know', async () => {
    const { items, warnings } = await hostInfo.collect(alpine.view, { now });
    expect(warnings).toEqual([]);
    expect(items).toEqual([
      {
        hostname: 'localhost',
        os: { id: 'alpine', idLike: [], name: 'Alpine Linux', version: null, versionId: '3.10.4', prettyName: 'Alpine Linux v3.10' },
        kernel: null,
        architecture: 'x86_64',
        addresses: [],
        machineId: null,
        cpuCount: null,
        cpuModel: null,
        memoryBytes: null,
        bootTime: null,
      },
    ]);
  });

  it('agrees with os-release, uname, ip, os.cpus() and /proc on this machine', async () => {
    const { items, warnings } = await hostInfo.collect(new HostView(), { now });
    expect(warnings).toEqual([]);
    const [host] = items;
    const osRelease = readFileSync('/etc/os-release', 'utf8');
    expect(host?.os.id).toBe(/^ID=(.*)$/m.exec(osRelease)?.[1]?.replace(/"/g, ''));
    expect(host?.hostname).toBe(hostname());
    expect(host?.kernel?.release).toBe(execFileSync('uname', ['-r'], { encoding: 'utf8' }).trim());
    expect(host?.architecture).toBe(execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    expect(host?.cpuCount).toBe(cpus().length);
    expect(host?.memoryBytes).toBe(totalmem());
    const ips = execFileSync('ip', ['-o', 'addr', 'show'], { encoding: 'utf8' });
    for (const address of host?.addresses ?? []) expect(ips).toContain(` ${address.address}/`);
    expect(host?.addresses.some((a) => a.address === '127.0.0.1' && a.interface === 'lo')).toBe(true);
  });
});
