import { describe, expect, it } from 'vitest';
import { whyProtected } from './protected-address.js';

describe('whyProtected', () => {
  it('refuses loopback, unspecified and link-local addresses in both families', () => {
    expect(whyProtected('127.0.0.1')).toBe('127.0.0.1 is a loopback address');
    expect(whyProtected('127.8.9.10')).toBe('127.8.9.10 is a loopback address');
    expect(whyProtected('::1')).toBe('::1 is a loopback address');
    expect(whyProtected('::ffff:127.0.0.1')).toBe('127.0.0.1 is a loopback address');
    expect(whyProtected('0.0.0.0')).toBe('0.0.0.0 is the unspecified address');
    expect(whyProtected('169.254.1.2')).toBe('169.254.1.2 is a link-local address');
    expect(whyProtected('FE80::1')).toBe('fe80::1 is a link-local address');
  });

  it('refuses addresses inside the given networks or equal to the given addresses, with their reason', () => {
    const rules = [
      { cidr: '10.0.0.0/8', why: 'in the management network 10.0.0.0/8' },
      { cidr: '192.0.2.7', why: 'the server' },
      { cidr: '2001:db8::/32', why: 'in 2001:db8::/32' },
    ];
    expect(whyProtected('10.20.30.40', rules)).toBe('10.20.30.40 is in the management network 10.0.0.0/8');
    expect(whyProtected('192.0.2.7', rules)).toBe('192.0.2.7 is the server');
    expect(whyProtected('2001:DB8::5', rules)).toBe('2001:db8::5 is in 2001:db8::/32');
    expect(whyProtected('192.0.2.8', rules)).toBeNull();
    expect(whyProtected('203.0.113.5', rules)).toBeNull();
    expect(whyProtected('2001:db9::1', rules)).toBeNull();
  });

  it('refuses what is not an address (a host name from UseDNS cannot go into an nftables set)', () => {
    expect(whyProtected('attacker.example')).toBe('attacker.example is not an IP address');
    expect(whyProtected('10.0.0.1; flush ruleset')).toBe('10.0.0.1; flush ruleset is not an IP address');
  });
});
