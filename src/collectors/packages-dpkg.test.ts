import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HostView } from '../view/host-view.js';
import { dpkgPackages, parseSource } from './packages-dpkg.js';
import { buildRootfs } from './rootfs-fixture.js';
import { needService } from '../../test/support/services.js';

const now = () => new Date('2026-01-01T00:00:00Z');

const STATUS = `Package: libssl3
Status: install ok installed
Priority: optional
Architecture: amd64
Multi-Arch: same
Source: openssl (3.0.11-1~deb12u2)
Version: 3.0.11-1~deb12u2
Description: Secure Sockets Layer toolkit - shared libraries
 This package is part of the OpenSSL project's implementation.
 .
 It provides libssl and libcrypto.

Package: bash
Status: install ok installed
Architecture: amd64
Version: 5.2.15-2+b2
Source: bash

Package: zlib1g
Status: install ok installed
Architecture: amd64
Version: 1:1.2.13.dfsg-1

Package: removed-but-configured
Status: deinstall ok config-files
Architecture: all
Version: 1.0

Package: cut-short
Status: install ok installed
Archit`;

describe('dpkg packages', () => {
  it('reads name, version, architecture and the source package with its own version', async () => {
    const rootfs = await buildRootfs({ 'var/lib/dpkg/status': STATUS });
    try {
      const { items, warnings } = await dpkgPackages.collect(rootfs.view, { now });
      expect(items).toEqual([
        { name: 'libssl3', version: '3.0.11-1~deb12u2', architecture: 'amd64', sourceName: 'openssl', sourceVersion: '3.0.11-1~deb12u2', format: 'dpkg', database: '/var/lib/dpkg/status' },
        { name: 'bash', version: '5.2.15-2+b2', architecture: 'amd64', sourceName: 'bash', sourceVersion: '5.2.15-2+b2', format: 'dpkg', database: '/var/lib/dpkg/status' },
        { name: 'zlib1g', version: '1:1.2.13.dfsg-1', architecture: 'amd64', sourceName: 'zlib1g', sourceVersion: '1:1.2.13.dfsg-1', format: 'dpkg', database: '/var/lib/dpkg/status' },
      ]);
      // The truncated last stanza is named, not silently dropped.
      expect(warnings).toEqual([
        { source: 'packages-dpkg', path: '/var/lib/dpkg/status', message: 'line 31: not a "Field: value" line' },
        { source: 'packages-dpkg', path: '/var/lib/dpkg/status', message: 'stanza at line 29: no Version field, skipped' },
      ]);
    } finally {
      await rootfs.remove();
    }
  });

  it('parses Source with and without a version', () => {
    expect(parseSource('openssl (3.0.11-1~deb12u2)')).toEqual({ name: 'openssl', version: '3.0.11-1~deb12u2' });
    expect(parseSource('glibc')).toEqual({ name: 'glibc', version: null });
  });

  it('reads distroless status.d files', async () => {
    const rootfs = await buildRootfs({
      'var/lib/dpkg/status.d/base-files': 'Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n',
      'var/lib/dpkg/status.d/base-files.md5sums': 'd41d8cd98f00b204e9800998ecf8427e  etc/issue\n',
    });
    try {
      const { items, warnings } = await dpkgPackages.collect(rootfs.view, { now });
      expect(items.map((p) => `${p.name} ${p.version} ${p.database}`)).toEqual(['base-files 12.4+deb12u5 /var/lib/dpkg/status.d/base-files']);
      expect(warnings).toEqual([]);
    } finally {
      await rootfs.remove();
    }
  });

  it('warns about binary garbage, a symlink loop or no database at all, never throws', async () => {
    const garbage = await buildRootfs({ 'var/lib/dpkg/status': Buffer.from([0x50, 0x00, 0xff, 0xfe, 0x0a, 0x00]) });
    const loop = await buildRootfs({ 'var/lib/dpkg/status': { symlink: 'status' } });
    const none = await buildRootfs({ 'etc/hostname': 'x\n' });
    try {
      const g = await dpkgPackages.collect(garbage.view, { now });
      expect(g.items).toEqual([]);
      expect(g.warnings[0]?.message).toMatch(/binary content/);
      const l = await dpkgPackages.collect(loop.view, { now });
      expect(l.warnings[0]).toMatchObject({ path: '/var/lib/dpkg/status', message: 'symlink loop: skipped' });
      expect(await dpkgPackages.collect(none.view, { now })).toEqual({ items: [], warnings: [], notVisible: [] });
    } finally {
      await Promise.all([garbage.remove(), loop.remove(), none.remove()]);
    }
  });

  it('agrees with dpkg-query on this machine', async (context) => {
    let listed: string;
    try {
      listed = execFileSync('dpkg-query', ['-W', '-f', '${db:Status-Status} ${Package} ${Version} ${Architecture} ${source:Package} ${source:Version}\n'], { encoding: 'utf8' });
    } catch (error) {
      if (!needService('dpkg-query', { available: false, reason: String(error) })) return context.skip();
      throw error;
    }
    const expected = listed
      .split('\n')
      .filter((line) => line !== '' && !/^(not-installed|config-files) /.test(line))
      .map((line) => line.split(' ').slice(1).join(' '))
      .sort();
    const { items, warnings } = await dpkgPackages.collect(new HostView(), { now });
    expect(warnings).toEqual([]);
    // dpkg-query's own ${source:Package} and ${source:Version} are what Source: resolves to.
    expect(items.map((p) => `${p.name} ${p.version} ${p.architecture} ${p.sourceName} ${p.sourceVersion}`).sort()).toEqual(expected);
    expect(items.length).toBeGreaterThan(50);
  });
});
