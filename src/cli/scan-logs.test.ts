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
import { renderLoginTable, scanLogs } from './scan-logs.js';

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
