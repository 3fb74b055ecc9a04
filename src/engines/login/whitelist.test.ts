// Whitelist rule matching: every condition a rule has must hold; absent conditions match anything.
import { describe, expect, it } from 'vitest';
import { asCidr, whitelistMatches, type WhitelistRule } from './whitelist.js';

const rule = (over: Partial<WhitelistRule>): WhitelistRule => ({ id: 'r', source: null, user: null, hostIds: [], hours: null, ...over });
const subject = { sourceIp: '192.0.2.77', user: 'deploy', hostId: 'h1', at: Date.parse('2026-11-27T09:30:00Z') };

describe('whitelist rules', () => {
  it('matches a source by network or single address, IPv4-mapped included', () => {
    expect(whitelistMatches(rule({ source: '192.0.2.0/24' }), subject)).toBe(true);
    expect(whitelistMatches(rule({ source: '192.0.2.77' }), subject)).toBe(true);
    expect(whitelistMatches(rule({ source: '192.0.2.78' }), subject)).toBe(false);
    expect(whitelistMatches(rule({ source: '192.0.2.0/24' }), { ...subject, sourceIp: '::ffff:192.0.2.9' })).toBe(true);
    expect(whitelistMatches(rule({ source: '2001:db8::/32' }), { ...subject, sourceIp: '2001:db8:1::5' })).toBe(true);
    expect(whitelistMatches(rule({ source: '192.0.2.0/24' }), { ...subject, sourceIp: null })).toBe(false);
  });

  it('requires every condition: user, hosts and hours', () => {
    expect(whitelistMatches(rule({ source: '192.0.2.0/24', user: 'deploy' }), subject)).toBe(true);
    expect(whitelistMatches(rule({ source: '192.0.2.0/24', user: 'root' }), subject)).toBe(false);
    expect(whitelistMatches(rule({ user: 'deploy', hostIds: ['h2'] }), subject)).toBe(false);
    expect(whitelistMatches(rule({ user: 'deploy', hostIds: ['h1', 'h2'] }), subject)).toBe(true);
    expect(whitelistMatches(rule({ user: 'deploy', hours: { from: 8, to: 18 } }), subject)).toBe(true);
    expect(whitelistMatches(rule({ user: 'deploy', hours: { from: 22, to: 6 } }), subject)).toBe(false);
    expect(whitelistMatches(rule({ user: 'deploy', hours: { from: 22, to: 6 } }), { ...subject, at: Date.parse('2026-11-27T23:10:00Z') })).toBe(true);
    expect(whitelistMatches(rule({ user: 'deploy', hours: { from: 8, to: 18 } }), { ...subject, at: null })).toBe(false);
  });

  it("covers a host group's members as loaded when applied, and never every host through an empty group", () => {
    expect(whitelistMatches(rule({ user: 'deploy', hostGroupIds: ['g1'], groupHosts: new Set(['h1']) }), subject)).toBe(true);
    expect(whitelistMatches(rule({ user: 'deploy', hostGroupIds: ['g1'], groupHosts: new Set(['h2']) }), subject)).toBe(false);
    expect(whitelistMatches(rule({ user: 'deploy', hostGroupIds: ['g1'], groupHosts: new Set() }), subject)).toBe(false);
    expect(whitelistMatches(rule({ user: 'deploy', hostGroupIds: ['g1'] }), subject)).toBe(false);
    // Hosts and groups together: either covers.
    expect(whitelistMatches(rule({ user: 'deploy', hostIds: ['h1'], hostGroupIds: ['g1'], groupHosts: new Set(['h2']) }), subject)).toBe(true);
  });

  it('covers activity up to its expiry and none after it', () => {
    expect(whitelistMatches(rule({ user: 'deploy', expiresAt: '2026-11-27T10:00:00Z' }), subject)).toBe(true);
    expect(whitelistMatches(rule({ user: 'deploy', expiresAt: '2026-11-27T09:00:00Z' }), subject)).toBe(false);
    expect(whitelistMatches(rule({ user: 'deploy', expiresAt: '2026-11-27T10:00:00Z' }), { ...subject, at: null })).toBe(false);
    expect(whitelistMatches(rule({ user: 'deploy', expiresAt: null }), { ...subject, at: null })).toBe(true);
  });

  it('reads addresses and networks, and refuses what is neither', () => {
    expect(asCidr('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(asCidr('2001:DB8::1')).toBe('2001:db8::1/128');
    expect(asCidr('300.1.2.3/8')).toBeNull();
    expect(asCidr('10.0.0.0/33')).toBeNull();
    expect(asCidr('example.com')).toBeNull();
  });
});
