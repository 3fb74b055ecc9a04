import { describe, expect, it } from 'vitest';
import type { OsvRecord } from '../../model/advisory.js';
import { loadCorpusRecords } from './testdata/corpus.js';
import { cvss3BaseScore } from './cvss3.js';
import { cvss4BaseScore, MACRO_SCORES } from './cvss4.js';
import { CvssError } from './cvss-vector.js';
import { severityOf } from './severity.js';

describe('CVSS v3.x base score', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:H', 7.4], // CVE-2023-0286 in the corpus, NVD 7.4
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10], // Log4Shell
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s = %s', (vector, score) => expect(cvss3BaseScore(vector)).toBe(score));

  it('refuses broken vectors with the reason', () => {
    expect(() => cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toThrow(/base metric A missing/);
    expect(() => cvss3BaseScore('CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')).toThrow(CvssError);
    expect(() => cvss3BaseScore('CVSS:2.0/AV:N')).toThrow(CvssError);
  });
});

describe('CVSS v4.0 base score', () => {
  it('has the 270 MacroVectors of the specification', () => expect(MACRO_SCORES.size).toBe(270));
  it.each([
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H', 10],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N', 6.9],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 8.5],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N', 8.7],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N', 0],
  ])('%s = %s', (vector, score) => expect(cvss4BaseScore(vector)).toBe(score));

  it('scores every v4 vector of the corpus within 0..10', () => {
    const vectors = loadCorpusRecords(['osv']).flatMap((r) => (r.severity ?? []).filter((s) => s.type === 'CVSS_V4').map((s) => s.score));
    expect(vectors.length).toBeGreaterThan(20);
    for (const v of vectors) expect(cvss4BaseScore(v)).toBeGreaterThanOrEqual(0);
  });
});

describe('severity of a finding', () => {
  const base: OsvRecord = { id: 'X-1', modified: '2024-01-01T00:00:00Z' };
  it('uses the CVSS vector first', () => {
    expect(severityOf({ ...base, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }], database_specific: { severity: 'LOW' } }, undefined)).toEqual({ severity: 'critical', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
  });
  it('falls back to the publisher rating (GHSA MODERATE, Ubuntu priority)', () => {
    expect(severityOf({ ...base, database_specific: { severity: 'MODERATE' } }, undefined).severity).toBe('medium');
    expect(severityOf(base, { ecosystem_specific: { priority: 'negligible' } }).severity).toBe('low');
    expect(severityOf(base, undefined).severity).toBe('unknown');
  });
  it('says why a broken vector was not used', () => {
    const verdict = severityOf({ ...base, severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N' }], database_specific: { severity: 'HIGH' } }, undefined);
    expect(verdict.severity).toBe('high');
    expect(verdict.problem).toMatch(/X-1: CVSS vector .* base metric AC missing/);
  });
});
