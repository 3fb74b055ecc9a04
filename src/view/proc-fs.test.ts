// The synchronous /proc reader: what it reads, what it refuses, and how a vanished process reads.
import { spawn } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hostProcFs } from './proc-fs.js';

describe('hostProcFs', () => {
  it('reads /proc files, links and directories of this process', () => {
    expect(hostProcFs.readText(`/proc/${process.pid}/status`)).toMatch(new RegExp(`^Pid:\\s+${process.pid}$`, 'm'));
    expect(hostProcFs.readLink(`/proc/${process.pid}/exe`)).toBe(readlinkSync('/proc/self/exe'));
    expect(hostProcFs.readDir(`/proc/${process.pid}/fd`)).toContain('0');
    expect(hostProcFs.readDir('/proc')).toContain(String(process.pid));
  });

  it('answers null for a process that is gone and for a path that is not a link', async () => {
    const child = spawn('true');
    await new Promise((resolve) => child.once('exit', resolve));
    // Reaped: its pid names nothing (until reused, which this test does not wait for).
    expect(hostProcFs.readText(`/proc/${child.pid}/stat`)).toBeNull();
    expect(hostProcFs.readLink(`/proc/${child.pid}/exe`)).toBeNull();
    expect(hostProcFs.readDir(`/proc/${child.pid}/fd`)).toBeNull();
    expect(hostProcFs.readLink(`/proc/${process.pid}/status`)).toBeNull();
  });

  it('refuses paths outside /proc and files that read a process memory', () => {
    expect(() => hostProcFs.readText('/etc/passwd')).toThrow('procfs reads only /proc, got /etc/passwd');
    expect(() => hostProcFs.readText('/procfoo/1/stat')).toThrow(TypeError);
    for (const file of ['cmdline', 'environ', 'maps', 'smaps', 'mem']) {
      expect(() => hostProcFs.readText(`/proc/${process.pid}/${file}`)).toThrow(/reads a process's memory and can block/);
    }
  });
});
