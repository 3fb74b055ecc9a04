import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collector } from '../collectors/collector.js';
import { collectors } from '../collectors/index.js';
import { unpackAlpineRootfs, type Rootfs } from '../collectors/rootfs-fixture.js';
import { scanImage } from '../image/image-scan.js';
import type { ScanWarning } from '../model/common.js';
import { Inventory } from '../model/inventory.js';
import { collectInventory, inventoryScanner } from './inventory-scanner.js';

const now = () => new Date('2026-01-01T00:00:00Z');

describe('inventory scanner', () => {
  let alpine: Rootfs;
  beforeAll(async () => {
    alpine = await unpackAlpineRootfs();
  });
  afterAll(async () => {
    await alpine.remove();
  });

  it('assembles every kind for a root filesystem and names the kinds a directory cannot have', async () => {
    const warnings: ScanWarning[] = [];
    const sections = await inventoryScanner.scan(alpine.view, { now, options: {}, warn: (w) => warnings.push(w) });
    const inventory = Inventory.strict().parse(sections.inventory);
    expect(warnings).toEqual([]);
    expect(inventory.host?.os.id).toBe('alpine');
    expect(inventory.resources).toBeNull();
    expect(inventory.packages.find((p) => p.name === 'busybox')?.version).toBe('1.30.1-r3');
    expect(inventory.accounts.find((a) => a.name === 'shutdown')?.canLogin).toBe(false);
    expect(inventory.cronJobs).toHaveLength(5);
    const liveOnlyKinds = [...new Set(collectors.filter((c) => c.liveOnly).map((c) => c.kind))].filter((kind) => !collectors.some((c) => c.kind === kind && !c.liveOnly));
    expect([...inventory.notApplicable].sort()).toEqual(liveOnlyKinds.sort());
    expect(inventory.notApplicable).toContain('kernelModules');
    expect(inventory.processes).toEqual([]);
  });

  it('gives the image the same inventory as its unpacked root filesystem (one code path, DESIGN.md)', async () => {
    const archive = fileURLToPath(new URL('../../../shared/corpora/images/alpine-310.docker-archive.tar.gz', import.meta.url));
    const image = await scanImage({ input: archive, scanners: ['inventory'], options: {}, now });
    const unpacked = await collectInventory(alpine.view, { now, warn: () => undefined });
    expect(image.report.warnings).toEqual([]);
    expect(image.report.inventory).toEqual(unpacked);
    expect(unpacked.packages).toHaveLength(14);
  });

  it('turns a collector that throws into a warning and keeps the rows of the others', async () => {
    const failing: Collector<'packages'> = {
      name: 'broken-collector',
      kind: 'packages',
      version: 1,
      liveOnly: false,
      needs: { files: ['/nothing'] },
      collect: () => Promise.reject(new Error('bug in collector')),
    };
    const working = collectors.filter((c) => c.name === 'packages-apk');
    const warnings: ScanWarning[] = [];
    const inventory = await collectInventory(alpine.view, { now, warn: (w) => warnings.push(w) }, [failing, ...working]);
    expect(warnings).toEqual([{ source: 'broken-collector', message: 'collector failed: bug in collector' }]);
    expect(inventory.packages).toHaveLength(14);
  });

  it('renders the inventory as tables for people', async () => {
    const sections = await inventoryScanner.scan(alpine.view, { now, options: {}, warn: () => undefined });
    const text = inventoryScanner.renderTable(sections);
    expect(text).toContain('Packages (14)');
    expect(text).toMatch(/libssl1\.1\s+1\.1\.1d-r2\s+x86_64\s+openssl\s+apk/);
    expect(text).toContain('Not applicable to this target:');
    expect(inventoryScanner.renderTable({})).toBe('Inventory: not collected\n');
  });
});
