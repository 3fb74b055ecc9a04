// Matching on the real advisories of the corpus. Every expectation below was written by reading
// the advisories themselves (their ranges and fixed versions), not by running the matcher.
import { describe, expect, it } from 'vitest';
import type { MatchablePackage, OsvRecord } from '../../model/advisory.js';
import { loadCorpusRecords } from './testdata/corpus.js';
import { matchPackages } from './matcher.js';
import { MemoryAdvisorySource } from './memory-source.js';

const records = loadCorpusRecords();
const source = new MemoryAdvisorySource(records);
const now = new Date('2026-11-27T00:00:00Z');

/** "ID<fixed" for every advisory matched for one package, sorted. */
function found(pkg: MatchablePackage, from = source): string[] {
  const result = matchPackages([pkg], from, { now });
  expect(result.problems).toEqual([]);
  return result.vulnerabilities.map((v) => `${v.id}<${v.fixedVersion ?? 'none'}`).sort();
}

const deb12 = (name: string, version: string, sourceName?: string, sourceVersion?: string): MatchablePackage => ({ name, version, ecosystem: 'Debian:12', sourceName, sourceVersion });

describe('Debian (source packages, backports)', () => {
  it('libssl3 from openssl 3.0.11-1~deb12u1 has both Debian 12 openssl DSAs open', () => {
    expect(found(deb12('libssl3', '3.0.11-1~deb12u1', 'openssl', '3.0.11-1~deb12u1'))).toEqual(['DSA-5532-1<3.0.11-1~deb12u2', 'DSA-5764-1<3.0.14-1~deb12u2']);
  });
  it('openssl 3.0.13-1~deb12u1 is fixed for DSA-5532-1 only', () => {
    expect(found(deb12('openssl', '3.0.13-1~deb12u1'))).toEqual(['DSA-5764-1<3.0.14-1~deb12u2']);
  });
  it('the backported fix 3.0.14-1~deb12u2 matches nothing although upstream fixed CVE-2024-6119 in 3.0.15', () => {
    expect(found(deb12('libssl3', '3.0.14-1~deb12u2', 'openssl', '3.0.14-1~deb12u2'))).toEqual([]);
  });
  it('libc6 from glibc 2.36-9+deb12u4 is matched by source name: two DSAs still open', () => {
    expect(found(deb12('libc6', '2.36-9+deb12u4', 'glibc', '2.36-9+deb12u4'))).toEqual(['DSA-5673-1<2.36-9+deb12u6', 'DSA-5678-1<2.36-9+deb12u7']);
  });
  it('the binary name alone does not match a source advisory', () => {
    expect(found(deb12('libc6', '2.36-9+deb12u4'))).toEqual([]);
  });
  it('Debian 11 packages are matched against Debian 11 entries only', () => {
    expect(found({ name: 'libc6', version: '2.31-13+deb11u6', ecosystem: 'Debian:11', sourceName: 'glibc' })).toEqual(['DSA-5514-1<2.31-13+deb11u7', 'DSA-5673-1<2.31-13+deb11u9', 'DSA-5678-1<2.31-13+deb11u10']);
    expect(found({ name: 'libc6', version: '2.31-13+deb11u6', ecosystem: 'Debian:12', sourceName: 'glibc' })).toEqual(['DSA-5514-1<2.36-9+deb12u3', 'DSA-5611-1<2.36-9+deb12u4', 'DSA-5673-1<2.36-9+deb12u6', 'DSA-5678-1<2.36-9+deb12u7']);
  });
  it('real osv.dev record with its versions list: DLA-3008-1 openssl on Debian 9', () => {
    const pkg = { name: 'libssl1.1', version: '1.1.0l-1~deb9u5', ecosystem: 'Debian:9', sourceName: 'openssl' };
    expect(found(pkg)).toEqual(['DLA-3008-1<1.1.0l-1~deb9u6']);
    expect(found({ ...pkg, version: '1.1.0l-1~deb9u6' })).toEqual([]);
  });
  it('a binNMU (+bN) binary is matched with its source version', () => {
    // A versions-only record (as osv.dev lists affected source versions) built from DLA-3008-1:
    // the binary "1.1.0l-1~deb9u5+b1" is a rebuild of the listed source version.
    const base = records.find((r) => r.id === 'DLA-3008-1') as OsvRecord;
    const versionsOnly: OsvRecord = { ...base, affected: (base.affected ?? []).map((a) => ({ ...a, ranges: [] })) };
    const only = new MemoryAdvisorySource([versionsOnly]);
    expect(found({ name: 'libssl1.1', version: '1.1.0l-1~deb9u5+b1', ecosystem: 'Debian:9', sourceName: 'openssl' }, only)).toEqual(['DLA-3008-1<none']);
  });
});

describe('Ubuntu', () => {
  it('openssl 3.0.2-0ubuntu1.7 on 22.04 LTS: the USN and the CVE record', () => {
    expect(found({ name: 'libssl3', version: '3.0.2-0ubuntu1.7', ecosystem: 'Ubuntu:22.04:LTS', sourceName: 'openssl' })).toEqual(['CVE-2023-0286<3.0.2-0ubuntu1.8', 'USN-5844-1<3.0.2-0ubuntu1.8']);
    expect(found({ name: 'libssl3', version: '3.0.2-0ubuntu1.8', ecosystem: 'Ubuntu:22.04:LTS', sourceName: 'openssl' })).toEqual([]);
  });
});

describe('Alpine (origin packages)', () => {
  const alpine = (name: string, version: string, origin?: string): MatchablePackage => ({ name, version, ecosystem: 'Alpine:v3.10', sourceName: origin });
  it('musl 1.1.22-r3 (the alpine:3.10 image) is exactly the fixed version of ALPINE-CVE-2019-14697', () => {
    expect(found(alpine('musl', '1.1.22-r3'))).toEqual([]);
    expect(found(alpine('musl', '1.1.22-r2'))).toEqual(['ALPINE-CVE-2019-14697<1.1.22-r3']);
  });
  it('libcrypto1.1 is matched through its origin openssl', () => {
    expect(found(alpine('libcrypto1.1', '1.1.1c-r0', 'openssl'))).toEqual(['ALPINE-CVE-2019-1547<1.1.1d-r0', 'ALPINE-CVE-2019-1549<1.1.1d-r0', 'ALPINE-CVE-2019-1563<1.1.1d-r0']);
    expect(found(alpine('libcrypto1.1', '1.1.1d-r2', 'openssl'))).toEqual([]);
  });
  it('busybox: the second secfix entry of ALPINE-CVE-2019-5747 still applies to 1.30.1-r1', () => {
    expect(found(alpine('busybox', '1.30.1-r1'))).toEqual(['ALPINE-CVE-2019-5747<1.30.1-r2']);
    expect(found(alpine('busybox', '1.30.1-r3'))).toEqual([]);
  });
});

describe('npm', () => {
  const npm = (name: string, version: string): MatchablePackage => ({ name, version, ecosystem: 'npm' });
  it('lodash', () => {
    expect(found(npm('lodash', '4.17.19'))).toEqual(['GHSA-29mw-wpgm-hmr9<4.17.21', 'GHSA-35jh-r3h4-6jhm<4.17.21', 'GHSA-p6mc-m468-83gw<4.17.20']);
    expect(found(npm('lodash', '4.17.20'))).toEqual(['GHSA-29mw-wpgm-hmr9<4.17.21', 'GHSA-35jh-r3h4-6jhm<4.17.21']);
    expect(found(npm('lodash', '4.17.21'))).toEqual([]);
  });
  it('minimist on two branches', () => {
    expect(found(npm('minimist', '1.2.5'))).toEqual(['GHSA-xvch-5gv4-984h<1.2.6']);
    expect(found(npm('minimist', '0.2.0'))).toEqual(['GHSA-vh95-rmgr-6w4m<0.2.1', 'GHSA-xvch-5gv4-984h<0.2.4']);
  });
  it('debug 4.4.2, the hijacked release (MAL versions list) and its GHSA', () => {
    expect(found(npm('debug', '4.4.2'))).toEqual(['GHSA-4x49-vf9v-38px<4.4.3', 'MAL-2025-46974<none']);
    expect(found(npm('debug', '4.3.4'))).toEqual([]);
    expect(found(npm('debug', '2.6.8'))).toEqual(['GHSA-9vvw-cc9w-f27h<2.6.9', 'GHSA-gxpj-cx7g-858c<2.6.9']);
  });
});

describe('PyPI', () => {
  const pypi = (name: string, version: string): MatchablePackage => ({ name, version, ecosystem: 'PyPI' });
  it('requests', () => {
    expect(found(pypi('requests', '2.30.0'))).toEqual(['PYSEC-2023-74<2.31.0']);
    expect(found(pypi('Requests', '2.19.1'))).toEqual(['PYSEC-2018-28<2.20.0', 'PYSEC-2023-74<2.31.0']);
  });
  it('urllib3 on its 1.x and 2.x branches', () => {
    expect(found(pypi('urllib3', '1.26.17'))).toEqual(['PYSEC-2023-212<1.26.18']);
    expect(found(pypi('urllib3', '2.0.6'))).toEqual(['PYSEC-2023-212<2.0.7']);
  });
  it('Jinja2 by its normalized name', () => {
    expect(found(pypi('Jinja2', '2.10'))).toEqual(['PYSEC-2019-217<2.10.1', 'PYSEC-2021-66<2.11.3']);
  });
});

describe('Maven', () => {
  const maven = (name: string, version: string): MatchablePackage => ({ name, version, ecosystem: 'Maven' });
  it('log4j-core: Log4Shell and GHSA-3pxv-7cmr-fjr4', () => {
    expect(found(maven('org.apache.logging.log4j:log4j-core', '2.14.1'))).toEqual(['GHSA-3pxv-7cmr-fjr4<2.25.4', 'GHSA-jfh8-c2jp-5v3q<2.15.0']);
    expect(found(maven('org.apache.logging.log4j:log4j-core', '2.12.2'))).toEqual(['GHSA-3pxv-7cmr-fjr4<2.25.4']);
    expect(found(maven('org.apache.logging.log4j:log4j-core', '2.25.4'))).toEqual([]);
  });
  it('jackson-databind 2.13.2 on the 2.13 branch', () => {
    expect(found(maven('com.fasterxml.jackson.core:jackson-databind', '2.13.2'))).toEqual(['GHSA-57j2-w4cx-62h2<2.13.2.1', 'GHSA-jjjh-jjxp-wpff<2.13.4.2', 'GHSA-rgv9-q543-rqg4<2.13.4']);
  });
});

describe('findings', () => {
  it('carry aliases, severity from the CVSS vector and references', () => {
    const [v] = matchPackages([{ name: 'org.apache.logging.log4j:log4j-core', version: '2.14.1', ecosystem: 'Maven', location: '/app/lib/log4j-core-2.14.1.jar' }], source, { now }).vulnerabilities.filter((x) => x.id === 'GHSA-jfh8-c2jp-5v3q');
    expect(v?.aliases).toEqual(['CVE-2021-44228']);
    expect(v?.severity).toBe('critical');
    expect(v?.location).toBe('/app/lib/log4j-core-2.14.1.jar');
  });
  it('an unrated DSA takes the severity of its CVE alias record when the source holds it', () => {
    // DSA-5343-1 (openssl, Debian 11) has no rating; CVE-2023-0286 in the corpus carries
    // CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H, 7.4.
    const [v] = matchPackages([{ name: 'libssl1.1', version: '1.1.1n-0+deb11u3', ecosystem: 'Debian:11', sourceName: 'openssl' }], source, { now }).vulnerabilities.filter((x) => x.id === 'DSA-5343-1');
    expect(v).toMatchObject({ severity: 'high', score: 7.4, fixedVersion: '1.1.1n-0+deb11u4' });
    const [alone] = matchPackages([{ name: 'libssl3', version: '3.0.11-1~deb12u1', ecosystem: 'Debian:12', sourceName: 'openssl' }], source, { now }).vulnerabilities;
    expect(alone?.severity).toBe('unknown');
  });

  it('a withdrawn advisory never matches', () => {
    const lodash = records.find((r) => r.id === 'GHSA-p6mc-m468-83gw') as OsvRecord;
    const gone = new MemoryAdvisorySource([{ ...lodash, withdrawn: '2026-01-01T00:00:00Z' }]);
    expect(found({ name: 'lodash', version: '4.17.19', ecosystem: 'npm' }, gone)).toEqual([]);
  });
  it('an unreadable installed version is reported for its package, not guessed', () => {
    const result = matchPackages([{ name: 'lodash', version: 'not a version', ecosystem: 'npm' }, { name: 'lodash', version: '4.17.19', ecosystem: 'npm' }], source, { now });
    expect(result.problems).toEqual([{ package: 'lodash', version: 'not a version', message: expect.stringContaining('not a semantic version') }]);
    expect(result.vulnerabilities).toHaveLength(3);
  });
});
