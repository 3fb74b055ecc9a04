// Live host: every listening socket `ss -tulpn` shows is found with the same process, plus
// servers started here on TCP and UDP, on loopback and on the wildcard address.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListeningPort } from '../model/inventory.js';
import { DirView } from '../view/dir-view.js';
import { HostView } from '../view/host-view.js';
import { portsCollector } from './ports.js';

const context = { now: () => new Date() };

interface SsRow {
  protocol: 'tcp' | 'udp';
  address: string;
  port: number;
  /** Every process holding the socket (a forked server's master and workers share it). */
  pids: number[];
  name: string | null;
}

function ss(): SsRow[] {
  const out = execFileSync('ss', ['-H', '-tulpn'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [netid, , , , local] = line.trim().split(/\s+/) as [string, string, string, string, string];
      const colon = local.lastIndexOf(':');
      // ss writes "[::1]:6379", "127.0.0.53%lo:53" and "*:68" (any address of a dual-stack socket).
      const address = local.slice(0, colon).replace(/^\[|\]$/g, '').replace(/%.*$/, '');
      const users = [...line.matchAll(/\("([^"]*)",pid=(\d+)/g)];
      const pids = users.map((user) => Number(user[2]));
      return { protocol: netid as 'tcp' | 'udp', address, port: Number(local.slice(colon + 1)), pids, name: users[0]?.[1] ?? null };
    });
}

let servers: ChildProcess;
let ports: { tcpLoopback: number; tcpAny: number; udpLoopback: number };

beforeAll(async () => {
  // A separate process, so the owner found is not the test runner itself.
  const script = `
    const net = require('node:net'); const dgram = require('node:dgram');
    const a = net.createServer().listen(0, '127.0.0.1', () => {
      const b = net.createServer().listen(0, '0.0.0.0', () => {
        const u = dgram.createSocket('udp4'); u.bind(0, '127.0.0.1', () => {
          process.stdout.write(JSON.stringify({ tcpLoopback: a.address().port, tcpAny: b.address().port, udpLoopback: u.address().port }) + '\\n');
        });
      });
    });`;
  servers = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  ports = await new Promise((resolve) => servers.stdout?.once('data', (data: Buffer) => resolve(JSON.parse(data.toString()))));
});
afterAll(() => {
  servers.kill('SIGKILL');
});

describe('ports collector on the live host', () => {
  it('agrees with ss -tulpn on every listening socket and its owner', async () => {
    const before = ss();
    const output = await portsCollector.collect(new HostView(), context);
    const after = ss().map((row) => JSON.stringify(row));
    // Sockets opened or closed meanwhile (other programs on this machine) cannot be compared.
    const expected = before.filter((row) => after.includes(JSON.stringify(row)));
    expect(expected.length).toBeGreaterThan(3);
    for (const row of expected) {
      const match = output.items.find(
        (item) => item.protocol === row.protocol && item.port === row.port && (item.address === row.address || (row.address === '*' && (item.address === '::' || item.address === '0.0.0.0'))),
      );
      expect(match, `${row.protocol} ${row.address}:${row.port}`).toBeDefined();
      // The owner reported is the lowest pid holding the socket (an nginx master, not its workers).
      expect({ pid: match?.pid, processName: match?.processName }).toEqual({ pid: row.pids.length > 0 ? Math.min(...row.pids) : null, processName: row.name });
    }
    for (const item of output.items) expect(ListeningPort.parse(item)).toEqual(item);
  });

  it('finds servers started by the test, and says which are reachable from outside', async () => {
    const output = await portsCollector.collect(new HostView(), context);
    const of = (protocol: string, port: number) => output.items.find((item) => item.protocol === protocol && item.port === port);
    expect(of('tcp', ports.tcpLoopback)).toEqual({ protocol: 'tcp', family: 'ipv4', address: '127.0.0.1', port: ports.tcpLoopback, state: 'LISTEN', pid: servers.pid, processName: 'node', external: false });
    expect(of('tcp', ports.tcpAny)).toMatchObject({ address: '0.0.0.0', pid: servers.pid, external: true });
    expect(of('udp', ports.udpLoopback)).toMatchObject({ family: 'ipv4', address: '127.0.0.1', state: 'UNCONN', pid: servers.pid, external: false });
  });

  it('collects nothing from a directory view', async () => {
    const output = await portsCollector.collect(await DirView.open('/tmp'), context);
    expect(output.items).toEqual([]);
  });
});
