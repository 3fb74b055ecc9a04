import { describe, expect, it } from 'vitest';
import { buildRootfs } from '../collectors/rootfs-fixture.js';
import { Report } from '../model/report.js';
import { countFindings, runScan, selectScanners, UnknownScannerError } from './run-scan.js';
import { ALL_SEVERITIES, parseSeverities } from './severity-option.js';

/** A report with no sections: each test adds the rows it counts. */
const emptyReport = {
  schemaVersion: 1 as const,
  palisadeVersion: 'x',
  target: { kind: 'dir' as const, name: '/x' },
  startedAt: '2026-01-01T00:00:00Z',
  finishedAt: '2026-01-01T00:00:00Z',
  scanners: [],
};

describe('runScan', () => {
  it('fills the report header, the sections of the scanners that ran, and the warnings', async () => {
    const rootfs = await buildRootfs({ 'var/lib/dpkg/status': 'Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\n\nPackage: cut\n' });
    try {
      const times = [new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:05Z')];
      let tick = 0;
      const { report, ran } = await runScan({ view: rootfs.view, scanners: ['inventory'], now: () => times[Math.min(tick++, 1)] as Date });
      expect(ran.map((s) => s.name)).toEqual(['inventory']);
      const parsed = Report.parse(report);
      expect(parsed).toMatchObject({ schemaVersion: 1, target: { kind: 'dir', name: rootfs.dir }, startedAt: '2026-01-01T00:00:00.000Z', finishedAt: '2026-01-01T00:00:05.000Z' });
      expect(parsed.inventory?.packages.map((p) => p.name)).toEqual(['zlib1g']);
      expect(parsed.warnings).toEqual([{ source: 'packages-dpkg', path: '/var/lib/dpkg/status', message: 'stanza at line 5: no Version field, skipped' }]);
    } finally {
      await rootfs.remove();
    }
  });

  it('refuses an unknown scanner before running anything, naming the known ones', () => {
    expect(() => selectScanners(['inventory', 'nope'])).toThrow(UnknownScannerError);
    expect(() => selectScanners(['nope'])).toThrow(/unknown scanner "nope"; known: .*inventory/);
  });

  it('counts rows with a severity in any section for --exit-code', () => {
    const report = {
      ...emptyReport,
      warnings: [{ source: 's', message: 'severity in a warning does not count' }],
      // Sections of scanners the report schema does not describe (it lets them through).
      exampleFindings: [{ severity: 'high' }, { severity: 'low' }],
      exampleSection: { findings: [{ severity: 'critical' }, { severity: 'bogus' }] },
    };
    expect(countFindings(report, new Set(['critical', 'high', 'medium', 'low']))).toBe(3);
    expect(countFindings(report, new Set(['critical']))).toBe(1);
    expect(countFindings(report, new Set(['medium']))).toBe(0);
  });

  it('counts unrated advisories by default (Debian rates none) and refuses unknown level names', () => {
    const report = {
      ...emptyReport,
      warnings: [],
      // Rows as any section holds them (the real vulnerabilities section needs every field).
      exampleFindings: [{ id: 'DSA-5764-1', severity: 'unknown' }, { id: 'GHSA-x', severity: 'high' }],
    };
    expect(countFindings(report, parseSeverities(ALL_SEVERITIES))).toBe(2);
    expect(countFindings(report, parseSeverities('critical,high'))).toBe(1);
    expect(countFindings(report, parseSeverities('Unknown'))).toBe(1);
    expect(() => parseSeverities('high,severe')).toThrow('--severity: unknown level "severe" (use critical, high, medium, low, unknown)');
  });
});
