import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectorFingerprint } from './fingerprint.js';
import { collectors } from './index.js';
import { dpkgPackages } from './packages-dpkg.js';
import { buildRootfs } from './rootfs-fixture.js';

describe('collector fingerprints', () => {
  it('stay the same while the inputs do, and change when the package database changes', async () => {
    const rootfs = await buildRootfs({ 'var/lib/dpkg/status': 'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\n' });
    try {
      const first = await collectorFingerprint(rootfs.view, dpkgPackages);
      expect(first).toMatch(/^[0-9a-f]{64}$/);
      expect(await collectorFingerprint(rootfs.view, dpkgPackages)).toBe(first);
      const status = join(rootfs.dir, 'var/lib/dpkg/status');
      await writeFile(status, 'Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b3\n');
      await utimes(status, new Date('2026-01-02T00:00:00Z'), new Date('2026-01-02T00:00:00Z'));
      const afterUpgrade = await collectorFingerprint(rootfs.view, dpkgPackages);
      expect(afterUpgrade).not.toBe(first);
      // A file it does not read leaves it alone; a package file in status.d does not.
      await writeFile(join(rootfs.dir, 'var/lib/dpkg/available'), 'not read by the collector');
      expect(await collectorFingerprint(rootfs.view, dpkgPackages)).toBe(afterUpgrade);
      await mkdir(join(rootfs.dir, 'var/lib/dpkg/status.d'));
      await writeFile(join(rootfs.dir, 'var/lib/dpkg/status.d/tzdata'), 'Package: tzdata\nVersion: 2024a-0+deb12u1\n');
      expect(await collectorFingerprint(rootfs.view, dpkgPackages)).not.toBe(afterUpgrade);
    } finally {
      await rootfs.remove();
    }
  });

  it('is null for collectors that read a running system or every file', async () => {
    const rootfs = await buildRootfs({ 'etc/hostname': 'x\n' });
    try {
      for (const collector of collectors.filter((c) => c.liveOnly || c.needs.match)) {
        expect(await collectorFingerprint(rootfs.view, collector), collector.name).toBeNull();
      }
    } finally {
      await rootfs.remove();
    }
  });
});
