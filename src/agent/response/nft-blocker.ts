// Blocks source addresses with nftables (issue 5, "Response"): table `inet palisade` holds the
// named sets `blocked4` and `blocked6` (flags timeout) and an input-hook chain dropping their
// members, so a block ends by itself when its timeout passes, even if the agent is gone. The `nft`
// command is run directly with an argument array (no shell) and its script on stdin; addresses are
// validated as IP addresses before they reach the script. Every step is idempotent: the table,
// sets and chain are declared with `add` (a no-op when present) and the chain's two rules are
// rewritten in the same transaction; a block re-adds the element with its new timeout; an unblock
// of an address not blocked succeeds.
import { spawn } from 'node:child_process';
import { isIP, normalizeAddress } from '../../engines/login/ip.js';
import { whyProtected } from '../../engines/response/protected-address.js';

export const NFT_TABLE = 'palisade';

export interface NftBlockerOptions {
  /** The nft program (default `nft` from PATH). */
  readonly nft?: string | undefined;
  /** Apply the rules inside this network namespace (`ip netns exec NAME nft …`) instead of the host's. */
  readonly netns?: string | undefined;
  /** Networks and addresses never blocked, with the reason to give (loopback always is). */
  readonly protect?: () => Promise<readonly { cidr: string; why: string }[]>;
}

export interface BlockedElement {
  readonly address: string;
  /** Seconds left, as nftables counts them. */
  readonly expiresIn: number | null;
}

export class NftError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NftError';
  }
}

const SETUP = [
  `add table inet ${NFT_TABLE}`,
  `add set inet ${NFT_TABLE} blocked4 { type ipv4_addr; flags timeout; }`,
  `add set inet ${NFT_TABLE} blocked6 { type ipv6_addr; flags timeout; }`,
  // Before the usual filter chains (priority 0), so an accept there cannot let a blocked source in.
  `add chain inet ${NFT_TABLE} input { type filter hook input priority -10; policy accept; }`,
  `flush chain inet ${NFT_TABLE} input`,
  `add rule inet ${NFT_TABLE} input ip saddr @blocked4 drop`,
  `add rule inet ${NFT_TABLE} input ip6 saddr @blocked6 drop`,
];

function setOf(address: string): 'blocked4' | 'blocked6' {
  return isIP(address) === 4 ? 'blocked4' : 'blocked6';
}

export class NftBlocker {
  constructor(private readonly options: NftBlockerOptions = {}) {}

  /** Blocks `address` for `seconds` from now (a second call replaces the remaining time). */
  async block(address: string, seconds: number): Promise<{ address: string; set: string; seconds: number }> {
    const ip = await this.checked(address);
    if (!Number.isInteger(seconds) || seconds < 1) throw new NftError(`block time must be a whole number of seconds, not ${seconds}`);
    const element = `inet ${NFT_TABLE} ${setOf(ip)} { ${ip} timeout ${seconds}s }`;
    // add (so the delete always finds it), delete, add: one transaction that resets the timeout.
    await this.run(['-f', '-'], [...SETUP, `add element ${element}`, `delete element inet ${NFT_TABLE} ${setOf(ip)} { ${ip} }`, `add element ${element}`]);
    return { address: ip, set: setOf(ip), seconds };
  }

  /** Removes `address` from its set; not being blocked is no error. */
  async unblock(address: string): Promise<{ address: string; set: string }> {
    const ip = normalizeAddress(address);
    if (isIP(ip) === 0) throw new NftError(`${address} is not an IP address`);
    await this.run(['-f', '-'], [...SETUP, `add element inet ${NFT_TABLE} ${setOf(ip)} { ${ip} timeout 1s }`, `delete element inet ${NFT_TABLE} ${setOf(ip)} { ${ip} }`]);
    return { address: ip, set: setOf(ip) };
  }

  /** The addresses blocked now, both families. */
  async list(): Promise<BlockedElement[]> {
    const out: BlockedElement[] = [];
    for (const set of ['blocked4', 'blocked6'] as const) {
      let text: string;
      try {
        text = await this.run(['-j', 'list', 'set', 'inet', NFT_TABLE, set]);
      } catch (error) {
        if (/No such file or directory/.test((error as Error).message)) continue; // nothing blocked yet
        throw error;
      }
      const parsed = JSON.parse(text) as { nftables?: { set?: { elem?: unknown[] } }[] };
      for (const entry of parsed.nftables ?? []) {
        for (const elem of entry.set?.elem ?? []) {
          if (typeof elem === 'string') out.push({ address: elem, expiresIn: null });
          else {
            const inner = (elem as { elem?: { val?: unknown; expires?: unknown } }).elem;
            if (typeof inner?.val === 'string') out.push({ address: inner.val, expiresIn: typeof inner.expires === 'number' ? inner.expires : null });
          }
        }
      }
    }
    return out;
  }

  private async checked(address: string): Promise<string> {
    const ip = normalizeAddress(address);
    const refused = whyProtected(ip, (await this.options.protect?.()) ?? []);
    if (refused) throw new NftError(`refusing to block: ${refused}`);
    return ip;
  }

  private run(args: readonly string[], script?: readonly string[]): Promise<string> {
    const nft = this.options.nft ?? 'nft';
    const [program, ...argv] = this.options.netns ? ['ip', 'netns', 'exec', this.options.netns, nft, ...args] : [nft, ...args];
    return new Promise((resolve, reject) => {
      const child = spawn(program as string, argv, { stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.once('error', (error: NodeJS.ErrnoException) => {
        const missing = program === 'ip' ? 'ip not found: install iproute2 to block inside a network namespace' : `${program} not found: install nftables (the nft command) to block sources`;
        reject(new NftError(error.code === 'ENOENT' ? missing : `${program} could not run: ${error.message}`));
      });
      child.once('close', (code) => {
        if (code === 0) return resolve(stdout);
        const said = stderr.trim().split('\n').slice(0, 3).join(' | ');
        if (/Operation not permitted|Permission denied/i.test(stderr)) return reject(new NftError(`nft is not permitted: the agent needs root or CAP_NET_ADMIN to block sources (nft said: ${said})`));
        if (/exec of .* failed: No such file or directory/.test(stderr)) return reject(new NftError(`${nft} not found: install nftables (the nft command) to block sources`));
        if (this.options.netns && /Cannot open network namespace/.test(stderr)) {
          return reject(new NftError(`network namespace ${this.options.netns} is not usable: ${said}`));
        }
        reject(new NftError(`nft failed (exit ${code}): ${said}`));
      });
      child.stdin.on('error', () => undefined); // nft gone before reading: its exit says why
      child.stdin.end(script ? `${script.join('\n')}\n` : '');
    });
  }
}
