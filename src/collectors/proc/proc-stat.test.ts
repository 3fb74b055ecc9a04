import { describe, expect, it } from 'vitest';
import { parseBootTime, parseCmdline, parseContainerId, parseProcStat, parseStatusUid, startTimeOf } from './proc-stat.js';

describe('proc(5) parsers', () => {
  it('parses /proc/PID/stat, including a comm with spaces and parentheses', () => {
    // A line of this machine's redis-server, and the same with a hostile name.
    const redis = '2207 (redis-server) S 1 2207 2207 0 -1 4194624 374 0 0 0 61 92 0 0 20 0 5 0 5176 62283776 1689 18446744073709551615';
    expect(parseProcStat(redis)).toEqual({ pid: 2207, comm: 'redis-server', state: 'S', ppid: 1, startTicks: 5176 });
    const odd = '4242 (a) b (c) R 17 4242 4242 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 99 1 1 1';
    expect(parseProcStat(odd)).toEqual({ pid: 4242, comm: 'a) b (c', state: 'R', ppid: 17, startTicks: 99 });
    expect(parseProcStat('')).toBeNull();
    expect(parseProcStat('12 (cut')).toBeNull();
  });

  it('reads the real uid, boot time and start time', () => {
    expect(parseStatusUid('Name:\tpostgres\nUid:\t106\t106\t106\t106\nGid:\t112\n')).toBe(106);
    expect(parseStatusUid('Name:\tx\n')).toBeNull();
    expect(parseBootTime('cpu  1 2 3\nbtime 1795765189\nprocesses 10\n')).toBe(1795765189);
    expect(startTimeOf(1795765189, 5176)).toBe(new Date((1795765189 + 51.76) * 1000).toISOString());
  });

  it('finds the container id in the cgroup paths of Docker, containerd, CRI-O and Kubernetes', () => {
    const id = 'a'.repeat(12) + '0123456789abcdef'.repeat(3) + 'b'.repeat(4);
    expect(id).toHaveLength(64);
    expect(parseContainerId(`0::/system.slice/docker-${id}.scope\n`)).toBe(id);
    expect(parseContainerId(`12:memory:/docker/${id}\n11:cpu:/docker/${id}\n`)).toBe(id);
    expect(parseContainerId(`0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1.slice/cri-containerd-${id}.scope\n`)).toBe(id);
    expect(parseContainerId(`0::/kubepods/besteffort/pod7f/${id}\n`)).toBe(id);
    expect(parseContainerId(`0::/machine.slice/libpod-${id}.scope/container\n`)).toBe(id);
    expect(parseContainerId(`0::/machine.slice/crio-${id}.scope\n`)).toBe(id);
    // A host process (this machine's own cgroup file: a 32-hex sandbox name is no container id).
    expect(parseContainerId('4:memory:/process_api/bb6343ab2bd032aeb53a33a0de879482\n0::/\n')).toBeNull();
    expect(parseContainerId('0::/user.slice/user-1000.slice/session-2.scope\n')).toBeNull();
  });

  it('splits cmdline at NUL bytes, keeping inner empty arguments and dropping NUL padding', () => {
    expect(parseCmdline(Buffer.from('nats-server\0-a\x00127.0.0.1\0\0-p\0'))).toEqual(['nats-server', '-a', '127.0.0.1', '', '-p']);
    expect(parseCmdline(Buffer.from(`postgres: 15/main: checkpointer ${'\0'.repeat(90)}`))).toEqual(['postgres: 15/main: checkpointer ']);
    expect(parseCmdline(Buffer.alloc(0))).toEqual([]);
  });
});
