// The agent's blocker: nftables, guarded by the addresses this agent must never block besides
// loopback (defence in depth after the server's own check): the server it reports to (blocking it
// would cut the agent off from the order that lifts the block), the host's own addresses and the
// management networks given on the command line.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { NftBlocker } from './nft-blocker.js';

export interface SourceBlocker {
  block(address: string, seconds: number): Promise<{ address: string; set: string; seconds: number }>;
  unblock(address: string): Promise<{ address: string; set: string }>;
}

export interface BlockingOptions {
  /** Apply nftables rules inside this network namespace instead of the host's. */
  readonly netns?: string | undefined;
  /** Networks or addresses never blocked. */
  readonly managementCidrs?: readonly string[] | undefined;
  /** The nft program (default `nft`). */
  readonly nft?: string | undefined;
}

async function serverAddresses(serverUrl: string): Promise<string[]> {
  const host = new URL(serverUrl).hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return [host];
  try {
    return (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    return []; // unresolvable now: the agent cannot reach it either, and loopback stays protected
  }
}

export function agentBlocker(serverUrl: string, options: BlockingOptions): SourceBlocker {
  return new NftBlocker({
    nft: options.nft,
    netns: options.netns,
    protect: async () => [
      ...(await serverAddresses(serverUrl)).map((cidr) => ({ cidr, why: 'the Palisade server this agent reports to' })),
      ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((entry) => ({ cidr: entry.address.replace(/%.*$/, ''), why: "one of this host's own addresses" }))),
      ...(options.managementCidrs ?? []).map((cidr) => ({ cidr, why: `in the management network ${cidr}` })),
    ],
  });
}
