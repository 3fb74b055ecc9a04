// `palisade scan logs` end to end on files in a temporary directory, and once through the binary.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultLoginDetectionConfig } from '../engines/login/config.js';
import { LoginScanResult } from '../model/login.js';
import { openGeoLookup, renderLoginTable, scanLogs } from './scan-logs.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-scan-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date('2026-11-27T12:00:00Z');
const attack = [
  ...Array.from({ length: 6 }, (_, i) => `Nov 27 10:00:0${i} web1 sshd[${700 + i}]: Failed password for root from 203.0.113.66 port ${40000 + i} ssh2`),
  'Nov 27 10:00:08 web1 sshd[710]: Accepted password for root from 203.0.113.66 port 40010 ssh2',
].join('\n');

describe('scan logs', () => {
  it('finds the brute force and the cracked password, across a plain and a gzipped file', async () => {
    const plain = join(dir, 'auth.log');
    const gz = join(dir, 'auth.log.2.gz');
    writeFileSync(plain, `${attack}\n`);
    writeFileSync(gz, gzipSync('Nov 26 09:00:00 web1 sshd[1]: Accepted publickey for deploy from 192.0.2.10 port 1 ssh2\n'));
    const result = await scanLogs([plain, gz, join(dir, 'missing.log')], { now, utcOffsetMinutes: 0, config: defaultLoginDetectionConfig });
    expect(() => LoginScanResult.parse(result)).not.toThrow();
    expect(result.logins.events).toHaveLength(8);
    expect(result.logins.events[0]).toMatchObject({ type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: '203.0.113.66', time: '2026-11-27T10:00:00.000Z', file: plain, line: 1 });
    expect(result.logins.detections.map((d) => [d.type, d.sourceIp, d.severity, d.count])).toEqual([
      ['brute_force', '203.0.113.66', 'high', 6],
      ['password_cracked', '203.0.113.66', 'critical', 7],
    ]);
    expect(result.logins.warnings).toEqual([expect.objectContaining({ path: join(dir, 'missing.log'), message: expect.stringMatching(/cannot be read: ENOENT/) })]);
    expect(renderLoginTable(result.logins)).toMatch(/critical\s+password_cracked\s+203\.0\.113\.66\s+root\s+7/);
  });

  it('runs as `palisade scan logs --format json` and names a bad config field', async () => {
    const run = promisify(execFile);
    const file = join(dir, 'secure');
    writeFileSync(file, `${attack}\n`);
    const env = { ...process.env, PALISADE_FROM_SOURCE: '1' };
    const bin = new URL('../../bin/palisade', import.meta.url).pathname;
    const { stdout } = await run(bin, ['scan', 'logs', file, '--format', 'json', '--now', now.toISOString()], { env });
    const parsed = LoginScanResult.parse(JSON.parse(stdout));
    expect(parsed.logins.detections.map((d) => d.type)).toEqual(['brute_force', 'password_cracked']);
    const config = join(dir, 'thresholds.yaml');
    writeFileSync(config, 'bruteForce:\n  failures: -1\n');
    const failed = await run(bin, ['scan', 'logs', file, '--config', config], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringMatching(/thresholds\.yaml: bruteForce\.failures/) });
  });
});

// A minimal MaxMind DB (format 2.0: 24-bit search tree over IPv4, data section, metadata), so the
// real `maxmind` reader is exercised without shipping a GeoLite2 file.
function mmdbValue(value: unknown): Buffer {
  const head = (type: number, size: number) => (type <= 7 ? Buffer.from([(type << 5) | size]) : Buffer.from([size, type - 7]));
  const uint = (type: number, n: number | bigint) => {
    let hex = BigInt(n).toString(16);
    if (hex === '0') hex = '';
    if (hex.length % 2) hex = `0${hex}`;
    const bytes = Buffer.from(hex, 'hex');
    return Buffer.concat([head(type, bytes.length), bytes]);
  };
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([head(2, bytes.length), bytes]);
  }
  if (typeof value === 'bigint') return uint(9, value);
  if (typeof value === 'number') return uint(value > 0xffff ? 6 : 5, value);
  if (Array.isArray(value)) return Buffer.concat([head(11, value.length), ...value.map(mmdbValue)]);
  const entries = Object.entries(value as Record<string, unknown>);
  return Buffer.concat([head(7, entries.length), ...entries.flatMap(([k, v]) => [mmdbValue(k), mmdbValue(v)])]);
}

function buildMmdb(networks: [string, number, unknown][]): Buffer {
  type Slot = { node: number } | { data: number } | null;
  const nodes: [Slot, Slot][] = [[null, null]];
  const data: Buffer[] = [];
  let dataSize = 0;
  for (const [ip, prefix, value] of networks) {
    const encoded = mmdbValue(value);
    const offset = dataSize;
    data.push(encoded);
    dataSize += encoded.length;
    const bits = ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
    let node = 0;
    for (let depth = 0; depth < prefix; depth++) {
      const bit = Math.floor(bits / 2 ** (31 - depth)) % 2;
      const pair = nodes[node] as [Slot, Slot];
      if (depth === prefix - 1) pair[bit] = { data: offset };
      else {
        const slot = pair[bit];
        if (slot && 'node' in slot) node = slot.node;
        else {
          nodes.push([null, null]);
          pair[bit] = { node: nodes.length - 1 };
          node = nodes.length - 1;
        }
      }
    }
  }
  const count = nodes.length;
  const record = (slot: Slot) => (slot === null ? count : 'node' in slot ? slot.node : count + 16 + slot.data);
  const tree = Buffer.alloc(count * 6);
  nodes.forEach(([left, right], i) => {
    tree.writeUIntBE(record(left), i * 6, 3);
    tree.writeUIntBE(record(right), i * 6 + 3, 3);
  });
  const metadata = mmdbValue({
    node_count: count, record_size: 24, ip_version: 4, database_type: 'GeoLite2-City', languages: ['en'],
    binary_format_major_version: 2, binary_format_minor_version: 0, build_epoch: 1_795_000_000n, description: { en: 'Palisade test' },
  });
  return Buffer.concat([tree, Buffer.alloc(16), ...data, Buffer.from('ABCDEF4D61784D696E642E636F6D', 'hex'), metadata]);
}

describe('GeoIP with a MaxMind database', () => {
  it('places logins in cities, so a new /24 in a known city is not abnormal but a new city is', async () => {
    const berlin = { country: { iso_code: 'DE' }, city: { names: { en: 'Berlin' } } };
    const paris = { country: { iso_code: 'FR' }, city: { names: { en: 'Paris' } } };
    const db = join(dir, 'GeoLite2-City.mmdb');
    writeFileSync(db, buildMmdb([['203.0.113.0', 24, berlin], ['198.51.100.0', 24, berlin], ['192.0.2.0', 24, paris]]));
    const locate = await openGeoLookup(db);
    expect([locate('203.0.113.5'), locate('192.0.2.200'), locate('10.0.0.1'), locate('example.com')]).toEqual(['DE/Berlin', 'FR/Paris', null, null]);
    const file = join(dir, 'geo-auth.log');
    writeFileSync(file, [
      'Nov 27 09:00:00 web1 sshd[1]: Accepted publickey for alice from 203.0.113.5 port 1 ssh2',
      'Nov 27 10:00:00 web1 sshd[2]: Accepted publickey for alice from 198.51.100.9 port 1 ssh2',
      'Nov 27 11:00:00 web1 sshd[3]: Accepted publickey for alice from 192.0.2.7 port 1 ssh2',
    ].join('\n'));
    const withGeo = await scanLogs([file], { now, utcOffsetMinutes: 0, config: defaultLoginDetectionConfig, locate });
    expect(withGeo.logins.detections.map((d) => [d.type, d.sourceIp, d.detail.replace(/;.*/, '')])).toEqual([['abnormal_login', '192.0.2.7', 'sshd login: alice never logged in from FR/Paris before']]);
    const withoutGeo = await scanLogs([file], { now, utcOffsetMinutes: 0, config: defaultLoginDetectionConfig });
    expect(withoutGeo.logins.detections.map((d) => d.sourceIp)).toEqual(['198.51.100.9', '192.0.2.7']);
    await expect(openGeoLookup(file)).rejects.toThrow(/not a readable MaxMind database/);
  });
});
