// A page of a filtered list and how many the filter matches in all, the pair every list endpoint
// answers with. The filtered query is built once; its rows are shaped (selected, joined, ordered)
// by the caller and cut to the page here, and it is counted as it stands, so the total never
// depends on the page or on what the rows join for display.
import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema.js';

export interface Page {
  readonly limit: number;
  readonly offset: number;
}

export interface PageWithTotal<Row> {
  readonly rows: Row[];
  readonly total: number;
}

// Kysely cannot resolve a selection's type over a generic table set, so the count is selected
// raw and its row type given; PostgreSQL answers count(*) as a bigint string, SQLite as a number.
const COUNT = sql<number | string>`count(*)`.as('n');
type Count = { readonly n: number | string };

/** The page's rows from `select(filtered)`, which must order them; the total counts `filtered`'s rows. */
export async function pageWithTotal<DB, TB extends keyof DB, O, RowDB, RowTables extends keyof RowDB, Row>(
  filtered: SelectQueryBuilder<DB, TB, O>,
  page: Page,
  select: (filtered: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<RowDB, RowTables, Row>,
): Promise<PageWithTotal<Row>> {
  return settle(select(filtered).limit(page.limit).offset(page.offset).execute(), filtered.select(COUNT).$castTo<Count>().executeTakeFirstOrThrow());
}

/**
 * The same for a grouped query (group by, maybe having): the total counts its groups, which a
 * count over the grouped query itself cannot (it would give one count per group), so it counts
 * the grouped query's rows from the outside; hence the database.
 */
export async function pageOfGroups<DB, TB extends keyof DB, O, RowDB, RowTables extends keyof RowDB, Row>(
  db: Kysely<Database>,
  grouped: SelectQueryBuilder<DB, TB, O>,
  page: Page,
  select: (grouped: SelectQueryBuilder<DB, TB, O>) => SelectQueryBuilder<RowDB, RowTables, Row>,
): Promise<PageWithTotal<Row>> {
  const groups = grouped.select(sql<number>`1`.as('one')).$castTo<{ one: number }>().as('grouped');
  return settle(select(grouped).limit(page.limit).offset(page.offset).execute(), db.selectFrom(groups).select(COUNT).$castTo<Count>().executeTakeFirstOrThrow());
}

/** Both queries run at once. */
async function settle<Row>(rows: Promise<Row[]>, count: Promise<Count>): Promise<PageWithTotal<Row>> {
  const [page, counted] = await Promise.all([rows, count]);
  return { rows: page, total: Number(counted.n) };
}
