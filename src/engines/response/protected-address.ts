// Addresses a block must never hit (issue 5, "Response"): loopback, unspecified and link-local
// addresses (blocking them breaks the host itself), and the management networks and addresses the
// caller lists (the server, its agents' own addresses, operators' networks). The server checks
// before it orders a block and the agent checks again before it touches nftables.
import { addressBits, inCidr, isIP, normalizeAddress } from '../login/ip.js';

const NEVER: readonly { cidr: string; why: string }[] = [
  { cidr: '127.0.0.0/8', why: 'a loopback address' },
  { cidr: '::1/128', why: 'a loopback address' },
  { cidr: '0.0.0.0/32', why: 'the unspecified address' },
  { cidr: '::/128', why: 'the unspecified address' },
  { cidr: '169.254.0.0/16', why: 'a link-local address' },
  { cidr: 'fe80::/10', why: 'a link-local address' },
];

/** A single address or a network; a bare address is its own /32 or /128. */
function covers(cidr: string, address: string): boolean {
  if (!cidr.includes('/')) return normalizeAddress(cidr) === address;
  return inCidr(address, cidr);
}

/**
 * Why `address` must not be blocked, or null when it may be. `protectedCidrs` pairs each
 * network with the reason to give (e.g. "a management network").
 */
export function whyProtected(address: string, protectedCidrs: readonly { cidr: string; why: string }[] = []): string | null {
  const normal = normalizeAddress(address);
  if (isIP(normal) === 0 || addressBits(normal) === null) return `${address} is not an IP address`;
  for (const rule of [...NEVER, ...protectedCidrs]) if (covers(rule.cidr, normal)) return `${normal} is ${rule.why}`;
  return null;
}
