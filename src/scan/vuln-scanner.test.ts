// The vuln scanner over real root filesystems: the alpine:3.10 image of the corpus (every
// advisory of the sample database is fixed there: no finding may appear) and a hand-made Debian
// 12 tree whose packages sit before, at and after the fixes of the corpus's Debian advisories.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRootfs, unpackAlpineRootfs, type Rootfs } from '../collectors/rootfs-fixture.js';
import type { Vulnerability, VulnerabilityScanSummary } from '../model/advisory.js';
import type { ScanWarning } from '../model/common.js';
import type { SystemView } from '../view/system-view.js';
import { buildSampleDatabase } from '../vulndb/sample-db.js';
import { zipOf } from '../vulndb/testdata/zip-writer.js';
import type { ScanContext } from './scanner.js';
import { vulnScanner } from './vuln-scanner.js';

const work = mkdtempSync(join(tmpdir(), 'palisade-vuln-'));
const db = join(work, 'sample.db');
beforeAll(async () => {
  await buildSampleDatabase(db, () => new Date('2026-11-27T00:00:00Z'));
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function scan(view: SystemView, options: Record<string, unknown> = {}) {
  const warnings: ScanWarning[] = [];
  const context: ScanContext = { now: () => new Date('2026-11-27T00:00:00Z'), options: { db, ...options }, warn: (w) => warnings.push(w) };
  const sections = await vulnScanner.scan(view, context);
  return { found: sections.vulnerabilities as Vulnerability[], summary: sections.vulnerabilityScan as VulnerabilityScanSummary, sections, warnings };
}

const stanza = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n');
const dpkgStatus = [
  stanza({ Package: 'libssl3', Status: 'install ok installed', Architecture: 'amd64', Source: 'openssl', Version: '3.0.11-1~deb12u1' }),
  stanza({ Package: 'openssl', Status: 'install ok installed', Architecture: 'amd64', Version: '3.0.11-1~deb12u1' }),
  stanza({ Package: 'libc6', Status: 'install ok installed', Architecture: 'amd64', Source: 'glibc', Version: '2.36-9+deb12u7' }),
  stanza({ Package: 'curl', Status: 'install ok installed', Architecture: 'amd64', Version: '7.88.1-10+deb12u4' }),
  stanza({ Package: 'oldconf', Status: 'deinstall ok config-files', Architecture: 'amd64', Source: 'openssl', Version: '3.0.0-1' }),
].join('\n\n') + '\n';

describe('vuln scanner', () => {
  let debian: Rootfs;
  let alpine: Rootfs;
  beforeAll(async () => {
    const jar = zipOf({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\n\r\n',
      'META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties': 'groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n',
    });
    debian = await buildRootfs({
      '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
      '/var/lib/dpkg/status': dpkgStatus,
      '/opt/app/lib/log4j-core-2.14.1.jar': jar,
    });
    alpine = await unpackAlpineRootfs();
  }, 60_000);
  afterAll(async () => {
    await debian?.remove();
    await alpine?.remove();
  });

  it('finds the open Debian 12 advisories by source package, none for fixed versions, and Log4Shell in a jar', async () => {
    const { found, summary } = await scan(debian.view);
    expect(found.map((v) => `${v.package} ${v.id}<${v.fixedVersion}`).sort()).toEqual([
      // curl 7.88.1-10+deb12u4 is the fixed version of DSA-5523-1; DSA-5587-1 fixed it in u5.
      'curl DSA-5587-1<7.88.1-10+deb12u5',
      'libssl3 DSA-5532-1<3.0.11-1~deb12u2',
      'libssl3 DSA-5764-1<3.0.14-1~deb12u2',
      'openssl DSA-5532-1<3.0.11-1~deb12u2',
      'openssl DSA-5764-1<3.0.14-1~deb12u2',
      'org.apache.logging.log4j:log4j-core GHSA-3pxv-7cmr-fjr4<2.25.4',
      'org.apache.logging.log4j:log4j-core GHSA-jfh8-c2jp-5v3q<2.15.0',
    ]);
    expect(summary.ecosystems).toEqual(['Debian:12', 'Maven']);
    expect(summary.packagesScanned).toBe(5);
    const log4shell = found.find((v) => v.id === 'GHSA-jfh8-c2jp-5v3q');
    expect(log4shell).toMatchObject({ aliases: ['CVE-2021-44228'], severity: 'critical', location: '/opt/app/lib/log4j-core-2.14.1.jar', ecosystem: 'Maven' });
  });

  it('filters by severity and drops unfixed ones on request', async () => {
    const { found } = await scan(debian.view, { severity: 'critical' });
    expect(found.map((v) => v.id)).toEqual(['GHSA-jfh8-c2jp-5v3q']);
    await expect(scan(debian.view, { severity: 'urgent' })).rejects.toThrow(/unknown level "urgent"/);
  });

  it('reports nothing on alpine:3.10, where every advisory of the corpus is fixed', async () => {
    const { found, summary } = await scan(alpine.view);
    expect(summary.ecosystems).toEqual(['Alpine:v3.10']);
    expect(summary.packagesScanned).toBeGreaterThan(10);
    expect(found).toEqual([]);
  });

  it('renders a table with counts by severity', async () => {
    const { sections } = await scan(debian.view);
    const table = vulnScanner.renderTable(sections);
    expect(table).toMatch(/^Vulnerabilities: 7 \(critical 1, /);
    expect(table).toMatch(/CRITICAL\s+GHSA-jfh8-c2jp-5v3q\s+CVE-2021-44228\s+org\.apache\.logging\.log4j:log4j-core\s+2\.14\.1\s+2\.15\.0/);
  });
});
