import { describe, expect, it } from 'vitest';
import type { OsvAffected } from '../../model/advisory.js';
import { schemesByName, VersionParseError } from '../version/index.js';
import { evaluateAffected } from './ranges.js';

const semver = schemesByName.get('semver');
if (!semver) throw new Error('no semver scheme');
const pkg = { ecosystem: 'npm', name: 'x' };
const check = (version: string, entry: OsvAffected) => evaluateAffected(version, { package: pkg, ...entry }, semver, 'T-1');

describe('OSV range evaluation', () => {
  const twoBranches: OsvAffected = { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2.0.0' }, { fixed: '2.3.0' }, { introduced: '0' }, { fixed: '1.4.0' }] }] };
  it.each([
    ['0.1.0', true, '1.4.0'],
    ['1.4.0', false, null],
    ['1.9.9', false, null],
    ['2.0.0', true, '2.3.0'],
    ['2.3.0', false, null],
  ])('events in any order, two branches: %s', (version, affected, fixed) => {
    expect(check(version, twoBranches)).toMatchObject({ affected, fixedVersion: fixed });
  });

  it('last_affected includes its own version and gives no fixed version', () => {
    const entry: OsvAffected = { ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { last_affected: '1.2.0' }] }] };
    expect(check('1.2.0', entry)).toMatchObject({ affected: true, fixedVersion: null });
    expect(check('1.2.1', entry).affected).toBe(false);
  });

  it('limit ends a range; "*" is no limit', () => {
    expect(check('3.0.0', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '3.0.0' }] }] }).affected).toBe(false);
    expect(check('9.0.0', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { limit: '*' }] }] }).affected).toBe(true);
  });

  it('explicit versions match exactly', () => {
    expect(check('1.0.1', { versions: ['1.0.1'] }).affected).toBe(true);
    expect(check('1.0.2', { versions: ['1.0.1'] }).affected).toBe(false);
  });

  it('GIT-only entries are ignored with a note', () => {
    const verdict = check('1.0.0', { ranges: [{ type: 'GIT', repo: 'https://example.org/x', events: [{ introduced: '0' }, { fixed: 'abc123' }] }] });
    expect(verdict.affected).toBe(false);
    expect(verdict.notes).toEqual([expect.stringMatching(/T-1: only GIT \(commit\) ranges/)]);
  });

  it('a range with an unreadable version is skipped and named; an unreadable installed version throws', () => {
    const verdict = check('1.0.0', { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: 'garbage!' }] }] });
    expect(verdict.affected).toBe(false);
    expect(verdict.notes[0]).toMatch(/T-1: ECOSYSTEM range skipped: semver version "garbage!"/);
    expect(() => check('latest', { ranges: [] })).toThrow(VersionParseError);
  });
});
