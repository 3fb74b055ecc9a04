// The nftables blocker against the real `nft`, inside a network namespace made for the test so
// the host's own firewall is never touched.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needService } from '../../../test/support/services.js';
import { NftBlocker } from './nft-blocker.js';

const netns = `pal-nft-${randomBytes(3).toString('hex')}`;

function probe(): { available: boolean; reason: string } {
  if (process.getuid?.() !== 0) return { available: false, reason: 'nftables and network namespaces need root' };
  try {
    execFileSync('ip', ['netns', 'add', netns], { stdio: 'pipe' });
    execFileSync('ip', ['netns', 'exec', netns, 'nft', 'list', 'tables'], { stdio: 'pipe' });
    return { available: true, reason: '' };
  } catch (error) {
    return { available: false, reason: `ip netns or nft failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

function nft(...args: string[]): string {
  return execFileSync('ip', ['netns', 'exec', netns, 'nft', ...args], { encoding: 'utf8' });
}

describe('nftables blocker', () => {
  let ready = false;
  beforeAll(() => {
    ready = needService('nftables in a network namespace', probe());
  });
  afterAll(() => {
    try {
      execFileSync('ip', ['netns', 'del', netns], { stdio: 'pipe' });
    } catch {
      // never created
    }
  });

  it('blocks an address in the timeout set with a drop rule, idempotently, and lifts it', async (context) => {
    if (!ready) return context.skip();
    const blocker = new NftBlocker({ netns });
    expect(await blocker.list()).toEqual([]);
    expect(await blocker.block('203.0.113.7', 3600)).toEqual({ address: '203.0.113.7', set: 'blocked4', seconds: 3600 });
    await blocker.block('203.0.113.7', 600);
    await blocker.block('::ffff:198.51.100.2', 120);
    await blocker.block('2001:DB8::9', 900);
    const listed = await blocker.list();
    expect(listed.map((e) => e.address).sort()).toEqual(['198.51.100.2', '2001:db8::9', '203.0.113.7']);
    // The second block replaced the first one's time.
    expect(listed.find((e) => e.address === '203.0.113.7')?.expiresIn).toBeLessThanOrEqual(600);
    const table = nft('list', 'table', 'inet', 'palisade');
    expect(table).toContain('flags timeout');
    expect(table.match(/ip saddr @blocked4 drop/g)).toHaveLength(1);
    expect(table.match(/ip6 saddr @blocked6 drop/g)).toHaveLength(1);
    expect(table).toContain('type filter hook input priority filter - 10; policy accept;');

    expect(await blocker.unblock('203.0.113.7')).toEqual({ address: '203.0.113.7', set: 'blocked4' });
    await blocker.unblock('203.0.113.7'); // not blocked any more: still fine
    await blocker.unblock('2001:db8::9');
    expect((await blocker.list()).map((e) => e.address)).toEqual(['198.51.100.2']);
  });

  it('refuses loopback, protected and non-addresses before running nft', async (context) => {
    if (!ready) return context.skip();
    const blocker = new NftBlocker({ netns, protect: async () => [{ cidr: '10.9.0.0/16', why: 'in the management network 10.9.0.0/16' }] });
    await expect(blocker.block('127.0.0.1', 60)).rejects.toThrow('refusing to block: 127.0.0.1 is a loopback address');
    await expect(blocker.block('::1', 60)).rejects.toThrow('refusing to block: ::1 is a loopback address');
    await expect(blocker.block('10.9.8.7', 60)).rejects.toThrow('refusing to block: 10.9.8.7 is in the management network 10.9.0.0/16');
    await expect(blocker.block('1.2.3.4 } ; flush ruleset ; {', 60)).rejects.toThrow('is not an IP address');
    await expect(blocker.unblock('evil.example')).rejects.toThrow('evil.example is not an IP address');
    expect((await blocker.list()).map((e) => e.address)).not.toContain('10.9.8.7');
  });

  it('says clearly when nft is missing or the namespace does not exist', async (context) => {
    if (!ready) return context.skip();
    await expect(new NftBlocker({ nft: '/nonexistent/nft' }).block('203.0.113.8', 60)).rejects.toThrow('/nonexistent/nft not found: install nftables');
    await expect(new NftBlocker({ netns, nft: '/nonexistent/nft' }).block('203.0.113.8', 60)).rejects.toThrow('/nonexistent/nft not found: install nftables');
    await expect(new NftBlocker({ netns: `${netns}-missing` }).block('203.0.113.8', 60)).rejects.toThrow(`network namespace ${netns}-missing is not usable`);
  });
});
