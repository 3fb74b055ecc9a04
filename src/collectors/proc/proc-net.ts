// Parser of /proc/net/{tcp,tcp6,udp,udp6} (the kernel's tcp4_seq_show / udp4_format_sock and
// their IPv6 twins). Addresses are printed as the raw 32-bit words of the address in the
// kernel's byte order, so on a little-endian machine each word's bytes are reversed.
import { endianness } from 'node:os';

export type SocketProtocol = 'tcp' | 'tcp6' | 'udp' | 'udp6';

export interface ProcSocket {
  readonly protocol: SocketProtocol;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly state: string;
  readonly uid: number;
  readonly inode: number;
}

// include/net/tcp_states.h. UDP reuses the numbers: 07 (CLOSE) is an unconnected, bound socket,
// which is how a listening UDP socket shows.
const TCP_STATES: Readonly<Record<string, string>> = {
  '01': 'ESTABLISHED',
  '02': 'SYN_SENT',
  '03': 'SYN_RECV',
  '04': 'FIN_WAIT1',
  '05': 'FIN_WAIT2',
  '06': 'TIME_WAIT',
  '07': 'CLOSE',
  '08': 'CLOSE_WAIT',
  '09': 'LAST_ACK',
  '0A': 'LISTEN',
  '0B': 'CLOSING',
  '0C': 'NEW_SYN_RECV',
};

function stateName(protocol: SocketProtocol, hex: string): string {
  if (protocol.startsWith('udp')) return hex === '07' ? 'UNCONN' : hex === '01' ? 'ESTABLISHED' : `0x${hex}`;
  return TCP_STATES[hex] ?? `0x${hex}`;
}

/** The bytes of an address as printed by the kernel: 8 hex digits per 32-bit word. */
function addressBytes(hex: string, littleEndian: boolean): Buffer | null {
  if (hex.length !== 8 && hex.length !== 32) return null;
  const bytes = Buffer.from(hex, 'hex');
  if (bytes.length * 2 !== hex.length) return null;
  if (littleEndian) for (let word = 0; word < bytes.length; word += 4) bytes.subarray(word, word + 4).reverse();
  return bytes;
}

export function formatIPv6(bytes: Buffer): string {
  // An IPv4-mapped address (::ffff:a.b.c.d) is written the way ss and getnameinfo write it.
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return `::ffff:${[...bytes.subarray(12)].join('.')}`;
  }
  const groups: number[] = [];
  for (let at = 0; at < 16; at += 2) groups.push(bytes.readUInt16BE(at));
  // RFC 5952: compress the longest run (of at least two) of zero groups, the first one on a tie.
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    if (groups[start] !== 0) {
      start++;
      continue;
    }
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function decodeAddress(hex: string, littleEndian = endianness() === 'LE'): string | null {
  const bytes = addressBytes(hex, littleEndian);
  if (!bytes) return null;
  return bytes.length === 4 ? [...bytes].join('.') : formatIPv6(bytes);
}

function decodeEndpoint(text: string | undefined, littleEndian: boolean): { address: string; port: number } | null {
  if (text === undefined) return null;
  const [addressHex, portHex] = text.split(':');
  if (addressHex === undefined || portHex === undefined) return null;
  const address = decodeAddress(addressHex, littleEndian);
  const port = Number.parseInt(portHex, 16);
  return address === null || Number.isNaN(port) ? null : { address, port };
}

/** Every socket line of one /proc/net file; malformed lines are skipped (the header too). */
export function parseProcNet(text: string, protocol: SocketProtocol, littleEndian = endianness() === 'LE'): ProcSocket[] {
  const sockets: ProcSocket[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    // sl local rem st tx:rx tr:when retrnsmt uid timeout inode ...
    if (fields.length < 10 || !fields[0]?.endsWith(':')) continue;
    const local = decodeEndpoint(fields[1], littleEndian);
    const remote = decodeEndpoint(fields[2], littleEndian);
    const uid = Number(fields[7]);
    const inode = Number(fields[9]);
    if (!local || !remote || fields[3] === undefined || !Number.isInteger(uid) || !Number.isInteger(inode)) continue;
    sockets.push({
      protocol,
      localAddress: local.address,
      localPort: local.port,
      remoteAddress: remote.address,
      remotePort: remote.port,
      state: stateName(protocol, fields[3]),
      uid,
      inode,
    });
  }
  return sockets;
}

/** Loopback: 127.0.0.0/8, ::1 and IPv4-mapped loopback. Everything else can be reached from outside. */
export function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}
