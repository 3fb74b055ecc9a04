import { describe, expect, it } from 'vitest';
import { namedRepositories, repositoryMatcher } from './repository-filter.js';

describe('repositoryMatcher', () => {
  it('matches everything without patterns', () => {
    expect(repositoryMatcher(' , ')('any/thing')).toBe(true);
  });

  it('matches patterns with * across path components, dots literally', () => {
    const matches = repositoryMatcher('team/*, *-base app.v1');
    expect(['team/app', 'team/sub/app', 'debian-base', 'app.v1'].every(matches)).toBe(true);
    expect(['teams/app', 'appxv1', 'base', 'other/app'].some(matches)).toBe(false);
  });

  it('names the repositories a filter spells out, without patterns or repeats', () => {
    expect(namedRepositories('team/app, base/*  team/app,library/debian')).toEqual(['team/app', 'library/debian']);
    expect(namedRepositories('*')).toEqual([]);
  });
});
