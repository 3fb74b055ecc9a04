// A host's inventory as rows: one per fact, kept current by the agent's deltas, with first and
// last seen. Applying a delta also tells which changes were new, for the change events.
import type { Kysely } from 'kysely';
import type { Fact, HostInfo } from '../../model/inventory.js';
import type { InventoryItem } from '../../model/inventory-api.js';
import { factKey, factName, factVersion } from '../../engines/inventory/fact-identity.js';
import type { ListFactKind } from '../../engines/inventory/fact-identity.js';
import type { FactDelta } from '../../engines/inventory/fact-delta.js';
import type { FactChange } from '../../engines/inventory/change-events.js';
import type { Database } from './schema.js';
import type { TenantScope } from './tenant-scope.js';
import { containsText } from './contains-text.js';

const ROWS_PER_INSERT = 200;

export interface AppliedDelta<K extends ListFactKind> {
  readonly changes: FactChange<K>[];
  /** The host had no rows of this kind before: this delta is its baseline. */
  readonly baseline: boolean;
}

export async function applyFactDelta<K extends ListFactKind>(
  db: Kysely<Database>,
  host: { id: string; tenant_id: string },
  delta: FactDelta<K>,
  at: string,
): Promise<AppliedDelta<K>> {
  const existing = await db.selectFrom('host_facts').select(['key', 'data']).where('host_id', '=', host.id).where('kind', '=', delta.kind).execute();
  const before = new Map(existing.map((row) => [row.key, row.data]));
  const changes: FactChange<K>[] = [];
  const rows = [];
  const keys = new Set<string>();
  for (const item of delta.upserted) {
    const key = factKey(delta.kind, item);
    keys.add(key);
    const previous = before.get(key);
    changes.push({ kind: delta.kind, key, before: previous === undefined ? null : (JSON.parse(previous) as Fact<K>), after: item });
    rows.push({
      tenant_id: host.tenant_id,
      host_id: host.id,
      kind: delta.kind,
      key,
      name: factName(delta.kind, item),
      version: factVersion(delta.kind, item),
      data: JSON.stringify(item),
      first_seen: at,
      last_seen: at,
    });
  }
  const removed = delta.full ? [...before.keys()].filter((key) => !keys.has(key)) : delta.removed.filter((key) => before.has(key));
  for (let start = 0; start < removed.length; start += 500) {
    await db.deleteFrom('host_facts').where('host_id', '=', host.id).where('kind', '=', delta.kind).where('key', 'in', removed.slice(start, start + 500)).execute();
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    await db
      .insertInto('host_facts')
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      // first_seen stays as it was: the thing is the same, only its details changed.
      .onConflict((oc) => oc.columns(['host_id', 'kind', 'key']).doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), version: eb.ref('excluded.version'), data: eb.ref('excluded.data'), last_seen: eb.ref('excluded.last_seen') })))
      .execute();
  }
  // Rows the delta did not mention are unchanged and still there: they were seen now too.
  await db.updateTable('host_facts').set({ last_seen: at }).where('host_id', '=', host.id).where('kind', '=', delta.kind).execute();
  return { changes, baseline: before.size === 0 };
}

/** The host singleton (os-release, kernel, addresses) as the one row of kind 'host'. */
export async function storeHostInfo(db: Kysely<Database>, host: { id: string; tenant_id: string }, info: HostInfo, at: string): Promise<void> {
  const row = { tenant_id: host.tenant_id, host_id: host.id, kind: 'host', key: 'host', name: info.hostname ?? '', version: info.os.prettyName, data: JSON.stringify(info), first_seen: at, last_seen: at };
  await db
    .insertInto('host_facts')
    .values(row)
    .onConflict((oc) => oc.columns(['host_id', 'kind', 'key']).doUpdateSet({ name: row.name, version: row.version, data: row.data, last_seen: at }))
    .execute();
}

/** The host's last reported HostInfo, or null before its agent sent one. */
export async function loadHostInfo(db: Kysely<Database>, hostId: string): Promise<HostInfo | null> {
  const row = await db.selectFrom('host_facts').select('data').where('host_id', '=', hostId).where('kind', '=', 'host').where('key', '=', 'host').executeTakeFirst();
  return row ? (JSON.parse(row.data) as HostInfo) : null;
}

export interface FactFilter {
  readonly kind: ListFactKind;
  readonly hostId?: string | undefined;
  readonly name?: string | undefined;
  readonly nameLike?: string | undefined;
  readonly version?: string | undefined;
}

/** Facts of one kind across the tenant's hosts, filtered in SQL on the indexed columns. */
export async function searchFacts(scope: TenantScope, filter: FactFilter, limit: number): Promise<InventoryItem[]> {
  let query = scope.selectFrom('host_facts').innerJoin('hosts', 'hosts.id', 'host_facts.host_id').where('host_facts.kind', '=', filter.kind);
  if (filter.hostId) query = query.where('host_facts.host_id', '=', filter.hostId);
  if (filter.name) query = query.where('host_facts.name', '=', filter.name);
  if (filter.nameLike) query = query.where(containsText('host_facts.name', filter.nameLike));
  if (filter.version) query = query.where('host_facts.version', '=', filter.version);
  const rows = await query
    .select(['host_facts.host_id', 'hosts.hostname', 'host_facts.kind', 'host_facts.key', 'host_facts.name', 'host_facts.version', 'host_facts.data', 'host_facts.first_seen', 'host_facts.last_seen'])
    .orderBy('host_facts.name')
    .orderBy('hosts.hostname')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    hostId: row.host_id,
    hostname: row.hostname,
    kind: row.kind,
    key: row.key,
    name: row.name,
    version: row.version,
    data: JSON.parse(row.data) as Record<string, unknown>,
    firstSeen: row.first_seen,
    lastSeen: row.last_seen,
  }));
}

export async function summarizeFacts(scope: TenantScope): Promise<{ kind: string; items: number; hosts: number }[]> {
  const rows = await scope
    .selectFrom('host_facts')
    .select((eb) => ['kind', eb.fn.countAll<number>().as('items'), eb.fn.count<number>('host_id').distinct().as('hosts')])
    .groupBy('kind')
    .orderBy('kind')
    .execute();
  return rows.map((row) => ({ kind: row.kind, items: Number(row.items), hosts: Number(row.hosts) }));
}
