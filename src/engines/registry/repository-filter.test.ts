import { describe, expect, it } from 'vitest';
import { repositoryMatcher } from './repository-filter.js';

describe('repositoryMatcher', () => {
  it('matches everything without patterns', () => {
    expect(repositoryMatcher(' , ')('any/thing')).toBe(true);
  });

  it('matches patterns with * across path components, dots literally', () => {
    const matches = repositoryMatcher('team/*, *-base app.v1');
    expect(['team/app', 'team/sub/app', 'debian-base', 'app.v1'].every(matches)).toBe(true);
    expect(['teams/app', 'appxv1', 'base', 'other/app'].some(matches)).toBe(false);
  });
});
