// `palisade db import` and `palisade db info` through the binary, then `palisade scan rootfs
// --scanners vuln --db` on the database just built.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const env = { ...process.env, PALISADE_FROM_SOURCE: '1' };
const bin = fileURLToPath(new URL('../../bin/palisade', import.meta.url));
const derived = fileURLToPath(new URL('../../../shared/corpora/osv-derived/debian', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'palisade-cli-db-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('palisade db', () => {
  it('imports, reports a bad file by name, describes the database and feeds a vuln scan', { timeout: 120_000 }, async () => {
    const input = join(work, 'advisories');
    mkdirSync(input);
    for (const id of ['DSA-5532-1', 'DSA-5764-1', 'DSA-5514-1']) copyFileSync(join(derived, `${id}.json`), join(input, `${id}.json`));
    writeFileSync(join(input, 'truncated.json'), '{"id": "DSA-0000-1", "affected": [');
    const db = join(work, 'db', 'advisories.db');

    const imported = await run(bin, ['db', 'import', input, '--db', db], { env });
    expect(imported.stdout).toContain(`${input}: 3 records, 3 added, 0 updated, 0 unchanged, 0 withdrawn, 1 skipped`);
    expect(imported.stderr).toMatch(/skipped: .*truncated\.json: not JSON/);

    const info = JSON.parse((await run(bin, ['db', 'info', '--db', db, '--json'], { env })).stdout) as { advisories: number; ecosystems: { ecosystem: string; advisories: number }[] };
    expect(info.advisories).toBe(3);
    expect(info.ecosystems).toEqual([
      { ecosystem: 'Debian:11', advisories: 1 },
      { ecosystem: 'Debian:12', advisories: 3 },
    ]);

    const root = join(work, 'rootfs');
    mkdirSync(join(root, 'etc'), { recursive: true });
    mkdirSync(join(root, 'var/lib/dpkg'), { recursive: true });
    writeFileSync(join(root, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
    writeFileSync(join(root, 'var/lib/dpkg/status'), 'Package: libssl3\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: 3.0.13-1~deb12u1\n');
    const scanned = JSON.parse((await run(bin, ['scan', 'rootfs', root, '--scanners', 'vuln', '--db', db, '--format', 'json'], { env })).stdout) as { vulnerabilities: { id: string; fixedVersion: string }[] };
    expect(scanned.vulnerabilities.map((v) => [v.id, v.fixedVersion])).toEqual([['DSA-5764-1', '3.0.14-1~deb12u2']]);

    const missing = await run(bin, ['db', 'info', '--db', join(work, 'none.db')], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('none.db does not exist') });
  });
});
