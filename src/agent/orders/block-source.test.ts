// The block orders report every outcome as a `response.block` event in the real spool, failures
// included (blocking off, nft missing, a protected address), so the server shows a block that
// never took effect. The successful path runs end to end in test/sshd-block.e2e.test.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Order } from '../../model/host.js';
import { NftBlocker } from '../response/nft-blocker.js';
import { DEFAULT_SPOOL_LIMITS, Spool } from '../spool.js';
import { blockSource, unblockSource } from './block-source.js';

const order = (kind: Order['kind'], payload: Record<string, unknown>): Order => ({ id: 'order-1', kind, payload, status: 'delivered', createdAt: '2026-11-27T10:00:00.000Z', deliveredAt: null, completedAt: null, result: null });
const now = () => new Date('2026-11-27T10:00:00.000Z');

describe('block orders', () => {
  let dir: string;
  let spool: Spool;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'palisade-block-order-'));
    spool = new Spool(join(dir, 'spool.db'), DEFAULT_SPOOL_LIMITS);
  });
  afterEach(() => {
    spool.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const reports = () => spool.peek(100).filter((event) => event.type === 'response.block').map((event) => event.data);

  it('fails and reports it when blocking is off on this agent', async () => {
    await expect(blockSource.run(order('block_source', { blockId: 'b1', address: '203.0.113.9', seconds: 600 }), { spool, now })).rejects.toThrow('blocking is turned off on this agent (start it with --block)');
    expect(reports()).toEqual([{ blockId: 'b1', action: 'block', address: '203.0.113.9', ok: false, error: 'blocking is turned off on this agent (start it with --block)' }]);
  });

  it('refuses a loopback address on the agent too, and reports the refusal', async () => {
    const blocker = new NftBlocker({ nft: '/nonexistent/nft' });
    await expect(blockSource.run(order('block_source', { blockId: 'b2', address: '127.0.0.1', seconds: 600 }), { spool, now, blocker })).rejects.toThrow('refusing to block: 127.0.0.1 is a loopback address');
    expect(reports()).toEqual([{ blockId: 'b2', action: 'block', address: '127.0.0.1', ok: false, error: 'refusing to block: 127.0.0.1 is a loopback address' }]);
  });

  it('reports a missing nft on block and unblock', async () => {
    const blocker = new NftBlocker({ nft: '/nonexistent/nft' });
    await expect(blockSource.run(order('block_source', { blockId: 'b3', address: '203.0.113.9', seconds: 600 }), { spool, now, blocker })).rejects.toThrow('/nonexistent/nft not found: install nftables');
    await expect(unblockSource.run(order('unblock_source', { blockId: 'b3', address: '203.0.113.9' }), { spool, now, blocker })).rejects.toThrow('/nonexistent/nft not found');
    expect(reports().map((r) => [r.action, r.ok])).toEqual([['block', false], ['unblock', false]]);
  });

  it('rejects a malformed order without touching nftables', async () => {
    await expect(blockSource.run(order('block_source', { blockId: 'b4', address: '203.0.113.9', seconds: 5 }), { spool, now })).rejects.toThrow('bad block_source order: seconds:');
    expect(reports()).toEqual([]);
  });
});
