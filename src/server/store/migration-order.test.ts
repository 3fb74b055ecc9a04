// A migration that lands after a later-numbered one (numbers are handed out ahead) still applies
// to a store already migrated past it, on both databases; before, such a store refused to start
// ("corrupted migrations").
import { afterAll, describe, expect, it } from 'vitest';
import { DIALECTS, testDatabase } from '../../../test/support/stores.js';
import type { TestDatabase } from '../../../test/support/stores.js';
import { openStore } from './database.js';
import { migrations } from './migrations/index.js';
import type { Migration } from './migrations/index.js';

const LATE = '006-baseline-schedules';

for (const dialect of DIALECTS) {
  describe(`migration order on ${dialect}`, () => {
    let database: TestDatabase | null = null;
    afterAll(async () => database?.drop());

    it(`applies ${LATE} to a store migrated to the latest without it`, async (context) => {
      database = await testDatabase(dialect);
      if (!database) return context.skip();
      // The list as it stood before the late migration landed: the same array, for one open.
      const list = migrations as Migration[];
      const all = [...list];
      const index = list.findIndex((migration) => migration.name === LATE);
      expect(index).toBeGreaterThanOrEqual(0);
      expect(list.slice(index + 1).length).toBeGreaterThan(0);
      list.splice(index, 1);
      try {
        await (await openStore(database.url)).close();
      } finally {
        list.splice(0, list.length, ...all);
      }
      const store = await openStore(database.url);
      try {
        expect(await store.db.selectFrom('baseline_schedules').selectAll().execute()).toEqual([]);
        const applied = await store.db.selectFrom('palisade_migrations' as never).select('name' as never).execute();
        expect((applied as { name: string }[]).map((row) => row.name).sort()).toEqual(all.map((migration) => migration.name).sort());
      } finally {
        await store.close();
      }
    });
  });
}
