// What the server never blocks on a host (issue 5, "Response"): loopback and link-local
// addresses, sources a whitelist rule of the tenant names for that host (whatever its user and
// hours conditions: a whitelisted office is not blocked at night either), the tenant's management
// networks, the server's own addresses and the host's own addresses.
import { networkInterfaces } from 'node:os';
import { whyProtected } from '../../engines/response/protected-address.js';
import { whitelistMatches, type WhitelistRule } from '../../engines/login/whitelist.js';

export interface ProtectionInputs {
  readonly hostId: string;
  /** The addresses the host's agent reports for itself. */
  readonly hostIps: readonly string[];
  readonly whitelists: readonly WhitelistRule[];
  readonly managementCidrs: readonly string[];
  readonly now: Date;
}

/** Every address of this server's interfaces: an agent blocking one would cut itself off. */
export function serverAddresses(): string[] {
  return Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => entry.address.replace(/%.*$/, '')));
}

/** Why the source must not be blocked on the host, or null when it may be. */
export function whyNotBlock(source: string, inputs: ProtectionInputs): string | null {
  const rule = inputs.whitelists.find(
    (candidate) => candidate.source !== null && whitelistMatches({ ...candidate, user: null, hours: null }, { sourceIp: source, user: null, hostId: inputs.hostId, at: inputs.now.getTime() }),
  );
  if (rule) return `${source} is whitelisted (rule ${rule.id})`;
  return whyProtected(source, [
    ...inputs.managementCidrs.map((cidr) => ({ cidr, why: `in the management network ${cidr}` })),
    ...serverAddresses().map((cidr) => ({ cidr, why: "one of the server's own addresses" })),
    ...inputs.hostIps.map((ip) => ({ cidr: ip.replace(/\/\d+$/, ''), why: "one of the host's own addresses" })),
  ]);
}
