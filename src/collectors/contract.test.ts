// The contract every collector meets (STYLE.md habit 6, osquery's per-table checks): on a
// directory view and on this live host, every row it returns matches its kind's schema exactly
// (no field missing, none extra), its warnings and "not visible" notes are well formed, and it
// does not throw. A new collector registered in index.ts is checked here without a line of test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ScanWarning } from '../model/common.js';
import { NotVisible, factSchemas } from '../model/inventory.js';
import { HostView } from '../view/host-view.js';
import type { SystemView } from '../view/system-view.js';
import type { Collector } from './collector.js';
import { collectors } from './index.js';
import { buildRootfs, unpackAlpineRootfs, type Rootfs } from './rootfs-fixture.js';

const now = () => new Date('2026-01-01T00:00:00Z');
/** Collectors that walk the whole host file system need time on a busy machine. */
const HOST_TIMEOUT_MS = 600_000;

function strict(schema: z.ZodType): z.ZodType {
  return schema instanceof z.ZodObject ? schema.strict() : schema;
}

async function checkContract(collector: Collector, view: SystemView): Promise<number> {
  const output = await collector.collect(view, { now });
  const schema = strict(factSchemas[collector.kind]);
  for (const [index, item] of output.items.entries()) {
    const parsed = schema.safeParse(item);
    expect(parsed.success, `${collector.name} row ${index}: ${parsed.success ? '' : z.prettifyError(parsed.error)}`).toBe(true);
  }
  for (const warning of output.warnings) expect(ScanWarning.strict().parse(warning).source).toBe(collector.name);
  for (const note of output.notVisible) expect(NotVisible.strict().parse(note).kind).toBe(collector.kind);
  return output.items.length;
}

describe('collector contract', () => {
  it('registers collectors under unique names, for known kinds, with versions and declared needs', () => {
    expect(collectors.length).toBeGreaterThan(10);
    expect(new Set(collectors.map((c) => c.name)).size).toBe(collectors.length);
    for (const collector of collectors) {
      expect(Object.keys(factSchemas), collector.name).toContain(collector.kind);
      expect(Number.isInteger(collector.version) && collector.version > 0, collector.name).toBe(true);
      const needs = collector.needs;
      expect(Boolean(needs.files?.length || needs.dirs?.length || needs.match), `${collector.name} declares what it reads`).toBe(true);
      for (const path of [...(needs.files ?? []), ...(needs.dirs ?? [])]) expect(path.startsWith('/'), `${collector.name}: ${path}`).toBe(true);
    }
  });

  describe('on directory views', () => {
    let alpine: Rootfs;
    let broken: Rootfs;
    beforeAll(async () => {
      alpine = await unpackAlpineRootfs();
      // Hostile versions of the files collectors read: loops, garbage, truncation.
      broken = await buildRootfs({
        'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nbroken',
        'etc/shadow': { symlink: 'shadow' },
        'etc/group': Buffer.from([0xff, 0x00, 0x3a]),
        'etc/crontab': Buffer.from('* * * * * root \u0000\u0001garbage'),
        'var/lib/dpkg/status': 'Package: cut\nStatus: install ok installed\nVers',
        'lib/apk/db/installed': 'P:x\n',
        'var/lib/rpm/rpmdb.sqlite': 'SQLite format 3\u0000 but cut short',
        'etc/os-release': Buffer.alloc(100_000, 0x41),
        'usr/lib/systemd/system/loop.service': { symlink: 'loop.service' },
        'etc/systemd/system/multi-user.target.wants': { symlink: '../../../etc/systemd/system/multi-user.target.wants' },
        'etc/profile.d/a.sh': { symlink: '/etc/profile.d/a.sh' },
      });
    });
    afterAll(async () => {
      await Promise.all([alpine?.remove(), broken?.remove()]);
    });

    for (const collector of collectors.filter((c) => !c.liveOnly)) {
      it(`${collector.name}: rows match the ${collector.kind} schema on alpine:3.10 and on a broken tree`, async () => {
        await checkContract(collector, alpine.view);
        await checkContract(collector, broken.view);
      });
    }
  });

  describe('on this live host', () => {
    const host = new HostView();
    for (const collector of collectors) {
      it(`${collector.name}: rows match the ${collector.kind} schema`, { timeout: HOST_TIMEOUT_MS }, async () => {
        await checkContract(collector, host);
      });
    }
  });
});
