// pageWithTotal and pageOfGroups on SQLite and on a real PostgreSQL, over audit log rows: every
// page is the matching slice of the whole ordered list (limit 0 and 1, offsets at and past the
// end), and the total is what the filter (or the grouping and its having) matches, whatever page.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import { recordAudit } from './audit.js';
import { openStore } from './database.js';
import type { Store } from './database.js';
import { pageOfGroups, pageWithTotal } from './page-with-total.js';
import { TenantScope } from './tenant-scope.js';
import { createTenant } from './tenants.js';

// Inserted in this order, so newest first (id desc) is the reverse.
const ACTIONS = ['host.delete', 'user.create', 'host.delete', 'token.revoke', 'user.create', 'login', 'host.delete'];
const NEWEST_FIRST = [...ACTIONS].reverse();
const LIMITS = [0, 1, 2, 5, ACTIONS.length, 500];
const OFFSETS = [0, 1, 3, ACTIONS.length - 1, ACTIONS.length, ACTIONS.length + 1, 1000];

for (const dialect of DIALECTS) {
  describe(`pageWithTotal on ${dialect}`, () => {
    let database: TestDatabase | null;
    let store: Store;
    let scope: TenantScope;
    const clock = () => new Date('2026-11-27T08:00:00Z');

    beforeAll(async () => {
      database = await testDatabase(dialect);
      if (!database) return;
      store = await openStore(database.url);
      scope = new TenantScope(store.db, (await createTenant(store.db, 'acme', clock())).id, clock);
      for (const action of ACTIONS) await recordAudit(scope, { actorId: null, actorName: 'alice', action, targetType: 'test', details: {} });
      // Another tenant's rows are outside every scoped query and must not count.
      const other = new TenantScope(store.db, (await createTenant(store.db, 'globex', clock())).id, clock);
      for (const action of ['host.delete', 'login']) await recordAudit(other, { actorId: null, actorName: 'bob', action, targetType: 'test', details: {} });
    });
    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    const newestFirst = (filtered: ReturnType<typeof auditOf>) => filtered.select(['id', 'action']).orderBy('id', 'desc');
    const auditOf = (action?: string) => (action ? scope.selectFrom('audit_log').where('action', '=', action) : scope.selectFrom('audit_log'));

    it('gives each page the slice of the ordered list and always the whole total', async (context) => {
      if (!database) return context.skip();
      for (const limit of LIMITS) {
        for (const offset of OFFSETS) {
          const { rows, total } = await pageWithTotal(auditOf(), { limit, offset }, newestFirst);
          expect({ limit, offset, actions: rows.map((row) => row.action), total }).toEqual({ limit, offset, actions: NEWEST_FIRST.slice(offset, offset + limit), total: ACTIONS.length });
        }
      }
    });

    it('counts what the filter matches, also when the filter matches nothing', async (context) => {
      if (!database) return context.skip();
      const deletes = await pageWithTotal(auditOf('host.delete'), { limit: 1, offset: 1 }, newestFirst);
      expect(deletes.total).toBe(ACTIONS.filter((action) => action === 'host.delete').length);
      expect(deletes.rows.map((row) => row.action)).toEqual(['host.delete']);
      const all = await pageWithTotal(auditOf('host.delete'), { limit: 10, offset: 0 }, newestFirst);
      expect(all.rows[1]?.id).toEqual(deletes.rows[0]?.id);
      expect(await pageWithTotal(auditOf('no.such.action'), { limit: 10, offset: 0 }, newestFirst)).toEqual({ rows: [], total: 0 });
    });

    it('counts groups, after having, for any page of a grouped query', async (context) => {
      if (!database) return context.skip();
      const perAction = new Map<string, number>();
      for (const action of ACTIONS) perAction.set(action, (perAction.get(action) ?? 0) + 1);
      const byCount = [...perAction].sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
      const grouped = scope.selectFrom('audit_log').groupBy('action');
      const mostFirst = (groups: typeof grouped) => groups.select((eb) => ['action', eb.fn.countAll<number | string>().as('n')]).orderBy(sql`count(*)`, 'desc').orderBy('action');
      const counts = (rows: readonly { action: string; n: number | string }[]) => rows.map((row): [string, number] => [row.action, Number(row.n)]);

      for (const page of [
        { limit: 500, offset: 0 },
        { limit: 1, offset: 0 },
        { limit: 0, offset: 0 },
        { limit: 2, offset: perAction.size - 1 },
        { limit: 10, offset: perAction.size },
      ]) {
        const { rows, total } = await pageOfGroups(store.db, grouped, page, mostFirst);
        expect({ page, rows: counts(rows), total }).toEqual({ page, rows: byCount.slice(page.offset, page.offset + page.limit), total: perAction.size });
      }
      const repeated = await pageOfGroups(store.db, grouped.having(sql`count(*)`, '>', 1), { limit: 1, offset: 1 }, mostFirst);
      expect(repeated.total).toBe(byCount.filter(([, n]) => n > 1).length);
      expect(counts(repeated.rows)).toEqual(byCount.filter(([, n]) => n > 1).slice(1, 2));
      expect(await pageOfGroups(store.db, grouped.having(sql`count(*)`, '>', ACTIONS.length), { limit: 10, offset: 0 }, mostFirst)).toEqual({ rows: [], total: 0 });
    });
  });
}
