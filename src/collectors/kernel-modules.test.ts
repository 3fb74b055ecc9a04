import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostView } from '../view/host-view.js';
import { kernelModules } from './kernel-modules.js';
import { buildRootfs } from './rootfs-fixture.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('kernel modules', () => {
  it('reads /proc/modules with file, version, taint and signature state', async () => {
    // Lines as a 6.1 kernel writes them; "rootkit" is out of tree and unsigned.
    const rootfs = await buildRootfs({
      'proc/modules': [
        'nf_tables 348160 0 - Live 0x0000000000000000',
        'libcrc32c 16384 2 nf_tables,btrfs, Live 0x0000000000000000',
        'rootkit 16384 0 - Live 0x0000000000000000 (OE)',
        'garbage',
        '',
      ].join('\n'),
      'proc/sys/kernel/osrelease': '6.1.0-28-amd64\n',
      'proc/version': 'Linux version 6.1.0-28-amd64\n',
      'lib/modules/6.1.0-28-amd64/modules.dep': 'kernel/net/netfilter/nf_tables.ko.xz: kernel/lib/libcrc32c.ko.xz\nkernel/lib/libcrc32c.ko.xz:\n',
      'sys/module/rootkit/taint': 'OE\n',
      'sys/module/rootkit/version': '1.0\n',
      'sys/module/nf_tables/taint': '\n',
      'sys/module/module/parameters/sig_enforce': 'N\n',
    });
    try {
      const { items, warnings } = await kernelModules.collect(rootfs.view, { now });
      expect(warnings).toEqual([{ source: 'kernel-modules', path: '/proc/modules', message: 'line 4: not a module line' }]);
      expect(items).toEqual([
        { name: 'nf_tables', size: 348160, usedBy: [], refCount: 0, state: 'Live', file: '/lib/modules/6.1.0-28-amd64/kernel/net/netfilter/nf_tables.ko.xz', version: null, signed: true, taint: null },
        { name: 'libcrc32c', size: 16384, usedBy: ['nf_tables', 'btrfs'], refCount: 2, state: 'Live', file: '/lib/modules/6.1.0-28-amd64/kernel/lib/libcrc32c.ko.xz', version: null, signed: true, taint: null },
        { name: 'rootkit', size: 16384, usedBy: [], refCount: 0, state: 'Live', file: null, version: '1.0', signed: false, taint: 'OE' },
      ]);
    } finally {
      await rootfs.remove();
    }
  });

  it('agrees with /proc/modules on this machine, or says the kernel has none', async () => {
    const { items, warnings } = await kernelModules.collect(new HostView(), { now });
    if (!existsSync('/proc/modules')) {
      expect(items).toEqual([]);
      expect(warnings.map((w) => w.message)).toEqual(['kernel without loadable module support: no modules to list']);
      return;
    }
    const names = readFileSync('/proc/modules', 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(' ')[0]);
    expect(items.map((m) => m.name)).toEqual(names);
  });
});
