import { describe, expect, it } from 'vitest';
import { decodeAddress, isLoopback, parseProcNet } from './proc-net.js';

// Lines from this machine's /proc/net/tcp and tcp6 (RabbitMQ's 25672 and Redis's 6379).
const TCP = `  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 442 1 0000000028c41a3c 100 0 0 10 0
   1: 0100007F:6448 00000000:0000 0A 00000000:00000000 00:00000000 00000000   106        0 6551 1 0000000014242fcb 100 0 0 10 0
   2: 0100007F:1538 0100007F:A1B2 01 00000000:00000000 00:00000000 00000000   106        0 7001 1 0000000014242fcb 100 0 0 10 0
garbage line
`;
const TCP6 = `  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
   0: 00000000000000000000000001000000:18EB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5590 1 00000000879a71c2 100 0 0 10 0
   1: 0000000000000000FFFF00000100007F:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5591 1 00000000879a71c2 100 0 0 10 0
   2: B80D0120000000000000000001000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5592 1 00000000879a71c2 100 0 0 10 0
`;
const UDP = `   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
  127: 3500007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 22050 2 0000000000000000 0
`;

describe('/proc/net parsing', () => {
  it('decodes little-endian IPv4 and IPv6 sockets with their state, uid and inode', () => {
    const tcp = parseProcNet(TCP, 'tcp', true);
    expect(tcp).toEqual([
      { protocol: 'tcp', localAddress: '0.0.0.0', localPort: 2024, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', uid: 0, inode: 442 },
      { protocol: 'tcp', localAddress: '127.0.0.1', localPort: 25672, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', uid: 106, inode: 6551 },
      { protocol: 'tcp', localAddress: '127.0.0.1', localPort: 5432, remoteAddress: '127.0.0.1', remotePort: 0xa1b2, state: 'ESTABLISHED', uid: 106, inode: 7001 },
    ]);
    const tcp6 = parseProcNet(TCP6, 'tcp6', true);
    expect(tcp6.map((s) => `${s.localAddress} ${s.localPort}`)).toEqual(['::1 6379', '::ffff:127.0.0.1 80', '2001:db8::1 443']);
    expect(parseProcNet(UDP, 'udp', true)).toEqual([
      { protocol: 'udp', localAddress: '127.0.0.53', localPort: 53, remoteAddress: '0.0.0.0', remotePort: 0, state: 'UNCONN', uid: 101, inode: 22050 },
    ]);
  });

  it('reads big-endian words as written', () => {
    expect(decodeAddress('7F000001', false)).toBe('127.0.0.1');
    expect(decodeAddress('20010DB8000000000000000000000001', false)).toBe('2001:db8::1');
    expect(decodeAddress('nothex!!', true)).toBeNull();
    expect(decodeAddress('0100', true)).toBeNull();
  });

  it('compresses only the longest zero run of an IPv6 address (RFC 5952)', () => {
    expect(decodeAddress('00000000000000000000000000000000', false)).toBe('::');
    expect(decodeAddress('20010DB8000000010000000000000001', false)).toBe('2001:db8:0:1::1');
    expect(decodeAddress('20010DB8000100020003000400050006', false)).toBe('2001:db8:1:2:3:4:5:6');
  });

  it('knows which addresses are loopback', () => {
    expect(['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.5', '2001:db8::1'].some(isLoopback)).toBe(false);
  });
});
