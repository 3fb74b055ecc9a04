import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needService } from '../../test/support/services.js';
import { DirView } from '../view/dir-view.js';
import { rpmPackages } from './packages-rpm.js';
import { buildRootfs } from './rootfs-fixture.js';
import { parseRpmHeader, parseSourceRpm } from './rpm/rpm-header.js';

const now = () => new Date('2026-01-01T00:00:00Z');

function hasRpmbuild(): { available: boolean; reason: string } {
  try {
    execFileSync('rpmbuild', ['--version'], { stdio: 'ignore' });
    return { available: true, reason: '' };
  } catch {
    return { available: false, reason: 'rpmbuild not installed (Debian package rpm)' };
  }
}

const SPEC = (name: string, version: string, release: string, epoch: number | null) => `Name: ${name}
Version: ${version}
Release: ${release}
${epoch === null ? '' : `Epoch: ${epoch}\n`}Summary: test package
License: MIT
BuildArch: noarch
%description
test package built by palisade's tests
%files
`;

describe('rpm packages from a real rpmdb.sqlite', () => {
  let root: string;
  const rpm = hasRpmbuild();

  beforeAll(async () => {
    if (!rpm.available) return;
    // Two real packages, built and registered by rpm itself into the rootfs's database.
    root = await mkdtemp(join(tmpdir(), 'palisade-rpm-'));
    const top = join(root, '.build');
    await mkdir(join(top, 'SPECS'), { recursive: true });
    const packages: [string, string, string, number | null][] = [
      ['openssl-libs', '3.0.7', '27.el9', 1],
      ['bash', '5.1.8', '9.el9', null],
    ];
    await mkdir(join(root, 'var/lib/rpm'), { recursive: true });
    for (const [name, version, release, epoch] of packages) {
      const spec = join(top, 'SPECS', `${name}.spec`);
      await writeFile(spec, SPEC(name, version, release, epoch));
      execFileSync('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, spec], { stdio: 'ignore' });
      const file = join(top, 'RPMS/noarch', `${name}-${version}-${release}.noarch.rpm`);
      execFileSync('rpm', ['-i', '--justdb', '--nodeps', '--dbpath', join(root, 'var/lib/rpm'), file], { stdio: 'ignore' });
    }
    await rm(top, { recursive: true, force: true });
  });
  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('lists name, epoch:version-release, architecture and source rpm', async (context) => {
    if (!needService('rpmbuild', rpm)) return context.skip();
    const { items, warnings } = await rpmPackages.collect(await DirView.open(root), { now });
    expect(warnings).toEqual([]);
    expect([...items].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'bash', version: '5.1.8-9.el9', architecture: 'noarch', sourceName: 'bash', sourceVersion: '5.1.8-9.el9', format: 'rpm', database: '/var/lib/rpm/rpmdb.sqlite' },
      { name: 'openssl-libs', version: '1:3.0.7-27.el9', architecture: 'noarch', sourceName: 'openssl-libs', sourceVersion: '1:3.0.7-27.el9', format: 'rpm', database: '/var/lib/rpm/rpmdb.sqlite' },
    ]);
    const listed = execFileSync('rpm', ['-qa', '--dbpath', join(root, 'var/lib/rpm'), '--qf', '%{NAME} %{EPOCHNUM}:%{VERSION}-%{RELEASE}\n'], { encoding: 'utf8' });
    expect(listed.trim().split('\n').sort()).toEqual(['bash 0:5.1.8-9.el9', 'openssl-libs 1:3.0.7-27.el9']);
  });

  it('warns about a corrupt header row and still lists the others', async (context) => {
    if (!needService('rpmbuild', rpm)) return context.skip();
    const copy = await mkdtemp(join(tmpdir(), 'palisade-rpm-bad-'));
    try {
      execFileSync('cp', ['-r', join(root, 'var'), copy]);
      const db = new Database(join(copy, 'var/lib/rpm/rpmdb.sqlite'));
      db.prepare('INSERT INTO Packages (hnum, blob) VALUES (?, ?)').run(99, Buffer.from([0, 0, 0, 200, 0, 0, 1, 0, 1, 2, 3]));
      db.close();
      const { items, warnings } = await rpmPackages.collect(await DirView.open(copy), { now });
      expect(items).toHaveLength(2);
      expect(warnings).toEqual([{ source: 'packages-rpm', path: '/var/lib/rpm/rpmdb.sqlite', message: expect.stringMatching(/^package row 99: header claims 200 entries/) }]);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });
});

describe('rpm packages from a real Berkeley DB Packages file', () => {
  const tools = (() => {
    try {
      execFileSync('rpmbuild', ['--version'], { stdio: 'ignore' });
      execFileSync('db5.3_load', ['-V'], { stdio: 'ignore' });
      return { available: true, reason: '' };
    } catch {
      return { available: false, reason: 'rpmbuild or db5.3_load not installed (Debian packages rpm, db5.3-util)' };
    }
  })();

  // Header blobs rpm wrote, stored by Berkeley DB itself (db_load) as rpm < 4.16 stored them:
  // key = package number (native-endian uint32), value = header blob.
  async function berkeleyDb(pageSize: number): Promise<{ root: string; expected: string[] }> {
    const source = await mkdtemp(join(tmpdir(), 'palisade-bdb-src-'));
    const top = join(source, 'build');
    await mkdir(join(top, 'SPECS'), { recursive: true });
    const packages: [string, string, string, number | null][] = [
      ['glibc', '2.28', '251.el8_10.2', null],
      ['openssl-libs', '1.1.1k', '12.el8_9', 1],
      ['tzdata', '2024a', '1.el8', null],
    ];
    for (const [name, version, release, epoch] of packages) {
      const spec = join(top, 'SPECS', `${name}.spec`);
      await writeFile(spec, SPEC(name, version, release, epoch));
      execFileSync('rpmbuild', ['-bb', '--quiet', '--define', `_topdir ${top}`, spec], { stdio: 'ignore' });
      execFileSync('rpm', ['-i', '--justdb', '--nodeps', '--dbpath', join(source, 'db'), join(top, 'RPMS/noarch', `${name}-${version}-${release}.noarch.rpm`)], { stdio: 'ignore' });
    }
    const db = new Database(join(source, 'db/rpmdb.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT hnum, blob FROM Packages ORDER BY hnum').all() as { hnum: number; blob: Buffer }[];
    db.close();
    const key = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b.toString('hex'); };
    const dump = ['VERSION=3', 'format=bytevalue', 'type=hash', `db_pagesize=${pageSize}`, 'HEADER=END', ...rows.flatMap((r) => [` ${key(r.hnum)}`, ` ${r.blob.toString('hex')}`]), 'DATA=END', ''].join('\n');
    const root = await mkdtemp(join(tmpdir(), 'palisade-bdb-'));
    await mkdir(join(root, 'var/lib/rpm'), { recursive: true });
    execFileSync('db5.3_load', [join(root, 'var/lib/rpm/Packages')], { input: dump });
    await rm(source, { recursive: true, force: true });
    return { root, expected: ['glibc 2.28-251.el8_10.2', 'openssl-libs 1:1.1.1k-12.el8_9', 'tzdata 2024a-1.el8'] };
  }

  for (const pageSize of [512, 8192]) {
    it(`lists every package of a ${pageSize}-byte-page database (headers ${pageSize === 512 ? 'on overflow pages' : 'inline'})`, async (context) => {
      if (!needService('rpmbuild and db5.3_load', tools)) return context.skip();
      const { root, expected } = await berkeleyDb(pageSize);
      try {
        const { items, warnings } = await rpmPackages.collect(await DirView.open(root), { now });
        expect(warnings).toEqual([]);
        expect(items.map((p) => `${p.name} ${p.version}`).sort()).toEqual(expected);
        expect(items.every((p) => p.database === '/var/lib/rpm/Packages' && p.format === 'rpm')).toBe(true);
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    });
  }

  it('warns about a Berkeley DB file cut in the middle and keeps what it could read', async (context) => {
    if (!needService('rpmbuild and db5.3_load', tools)) return context.skip();
    const { root } = await berkeleyDb(512);
    try {
      const path = join(root, 'var/lib/rpm/Packages');
      const whole = await readFile(path);
      await writeFile(path, whole.subarray(0, Math.floor(whole.length / 2)));
      const { items, warnings } = await rpmPackages.collect(await DirView.open(root), { now });
      expect(warnings.length).toBeGreaterThan(0);
      expect(warnings[0]?.message).toMatch(/^overflow chain (breaks at page \d+|from page \d+ holds \d+ of \d+ bytes)$/);
      expect(warnings.every((w) => w.path === '/var/lib/rpm/Packages')).toBe(true);
      expect(items.length).toBeLessThan(3);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('rpm databases that cannot be read', () => {
  it('warns on a file that is not SQLite and on a Berkeley DB Packages file', async () => {
    const rootfs = await buildRootfs({
      'var/lib/rpm/rpmdb.sqlite': 'this is not a database',
      'usr/lib/sysimage/rpm/Packages': Buffer.alloc(4096, 0x61),
    });
    try {
      const { items, warnings } = await rpmPackages.collect(rootfs.view, { now });
      expect(items).toEqual([]);
      expect(warnings.map((w) => `${w.path}: ${w.message.split(':')[0]}`)).toEqual([
        '/var/lib/rpm/rpmdb.sqlite: not a readable SQLite database',
        '/usr/lib/sysimage/rpm/Packages: not a readable Berkeley DB rpm database',
      ]);
    } finally {
      await rootfs.remove();
    }
  });

  it('parses source rpm file names and rejects short headers', () => {
    expect(parseSourceRpm('openssl-3.0.7-27.el9.src.rpm')).toEqual({ name: 'openssl', version: '3.0.7-27.el9' });
    expect(parseSourceRpm('garbage')).toBeNull();
    expect(() => parseRpmHeader(Buffer.from([1, 2]))).toThrow(/too short/);
  });
});
