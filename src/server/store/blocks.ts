// Blocks of source addresses on hosts: created by the automatic response (as `system`) or by
// analysts, extended and lifted from the console, and updated with what the agent reports. An
// active block whose time has passed reads as `expired`: nftables drops the element by itself.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Block, BlockAgentState, BlockState } from '../../model/response.js';
import { pageWithTotal } from './page-with-total.js';
import type { Page } from './page-with-total.js';
import type { BlockTable, Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';

type BlockRow = Selectable<BlockTable> & { hostname: string | null };

function present(row: BlockRow, now: string): Block {
  const state = row.state === 'active' && row.expires_at <= now ? 'expired' : (row.state as BlockState);
  return {
    id: row.id,
    hostId: row.host_id,
    hostname: row.hostname,
    source: row.source,
    reason: row.reason,
    eventId: row.event_id === null ? null : Number(row.event_id),
    state,
    agentState: row.agent_state as BlockAgentState,
    agentError: row.agent_error,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    liftedBy: row.lifted_by,
    liftedAt: row.lifted_at,
  };
}

export interface NewBlock {
  readonly hostId: string;
  readonly source: string;
  readonly reason: string;
  readonly eventId: number | null;
  readonly seconds: number;
  readonly createdBy: string;
}

export async function createBlock(scope: TenantScope, input: NewBlock): Promise<Block> {
  const now = scope.now();
  const row = {
    id: randomUUID(),
    host_id: input.hostId,
    source: input.source,
    reason: input.reason,
    event_id: input.eventId,
    state: 'active',
    agent_state: 'pending',
    agent_error: null,
    created_by: input.createdBy,
    created_at: now,
    expires_at: new Date(Date.parse(now) + input.seconds * 1000).toISOString(),
    lifted_by: null,
    lifted_at: null,
  };
  await scope.insertInto('blocks', row).execute();
  return (await getBlock(scope, row.id)) as Block;
}

/** The block of `source` on the host that is still in force, if any. */
export async function activeBlock(scope: TenantScope, hostId: string, source: string): Promise<Block | null> {
  const row = await scope
    .selectFrom('blocks')
    .leftJoin('hosts', 'hosts.id', 'blocks.host_id')
    .selectAll('blocks')
    .select('hosts.hostname')
    .where('blocks.host_id', '=', hostId)
    .where('blocks.source', '=', source)
    .where('blocks.state', '=', 'active')
    .where('blocks.expires_at', '>', scope.now())
    .executeTakeFirst();
  return row ? present(row, scope.now()) : null;
}

export interface BlockFilter {
  readonly state?: BlockState | undefined;
  readonly hostId?: string | undefined;
  readonly source?: string | undefined;
}

export async function listBlocks(scope: TenantScope, filter: BlockFilter, page: Page) {
  const now = scope.now();
  let query = scope.selectFrom('blocks').leftJoin('hosts', 'hosts.id', 'blocks.host_id');
  if (filter.hostId) query = query.where('blocks.host_id', '=', filter.hostId);
  if (filter.source) query = query.where('blocks.source', '=', filter.source);
  if (filter.state === 'lifted') query = query.where('blocks.state', '=', 'lifted');
  if (filter.state === 'active') query = query.where('blocks.state', '=', 'active').where('blocks.expires_at', '>', now);
  if (filter.state === 'expired') query = query.where('blocks.state', '=', 'active').where('blocks.expires_at', '<=', now);
  const { rows, total } = await pageWithTotal(query, page, (filtered) => filtered.selectAll('blocks').select('hosts.hostname').orderBy('blocks.created_at', 'desc').orderBy('blocks.id', 'desc'));
  return { items: rows.map((row) => present(row, now)), total };
}

export async function getBlock(scope: TenantScope, id: string): Promise<Block | null> {
  const row = await scope.selectFrom('blocks').leftJoin('hosts', 'hosts.id', 'blocks.host_id').selectAll('blocks').select('hosts.hostname').where('blocks.id', '=', id).executeTakeFirst();
  return row ? present(row, scope.now()) : null;
}

/** Moves the end of an active (or expired) block to `seconds` from now; the agent re-adds it. */
export async function extendBlock(scope: TenantScope, id: string, seconds: number): Promise<Block | null> {
  const expiresAt = new Date(scope.clock().getTime() + seconds * 1000).toISOString();
  await scope.updateTable('blocks').set({ expires_at: expiresAt, agent_state: 'pending', agent_error: null }).where('id', '=', id).where('state', '=', 'active').execute();
  return getBlock(scope, id);
}

export async function liftBlock(scope: TenantScope, id: string, by: string): Promise<Block | null> {
  await scope.updateTable('blocks').set({ state: 'lifted', lifted_by: by, lifted_at: scope.now(), agent_state: 'pending', agent_error: null }).where('id', '=', id).where('state', '=', 'active').execute();
  return getBlock(scope, id);
}

/** What the host's agent reported for one of its blocks; other hosts' blocks are left alone. */
export async function recordBlockReport(db: Kysely<Database>, host: { id: string; tenant_id: string }, blockId: string, agentState: BlockAgentState, error: string | null): Promise<boolean> {
  const result = await db
    .updateTable('blocks')
    .set({ agent_state: agentState, agent_error: error })
    .where('id', '=', blockId)
    .where('host_id', '=', host.id)
    .where('tenant_id', '=', host.tenant_id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
