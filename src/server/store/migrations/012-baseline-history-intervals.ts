// Baseline history as state intervals instead of one row per scan per check (006 kept 26 MB per
// host a year; checks rarely change between scans): a row per stretch of scans in which a check
// on a host kept one result, and one row per host, policy and day with the counts of that day's
// last scan, for the trend. 006's rows are converted here and its table dropped.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Migration } from './index.js';

export const baselineHistoryIntervals: Migration = {
  name: '012-baseline-history-intervals',
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('baseline_check_states')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('policy_id', 'text', (c) => c.notNull())
      .addColumn('check_id', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      /** The run time of the first scan that gave this result after another one (or none). */
      .addColumn('first_seen_at', 'text', (c) => c.notNull())
      /** The run time of the latest scan that confirmed it. */
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('scans', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('baseline_check_states_pk', ['host_id', 'policy_id', 'check_id', 'first_seen_at'])
      .execute();
    // A check's history across hosts, newest first; a host's open intervals and its pruning.
    await db.schema.createIndex('baseline_check_states_check').on('baseline_check_states').columns(['tenant_id', 'policy_id', 'check_id', 'last_seen_at']).execute();
    await db.schema.createIndex('baseline_check_states_host').on('baseline_check_states').columns(['host_id', 'last_seen_at']).execute();
    await db.schema
      .createTable('baseline_daily_results')
      .addColumn('tenant_id', 'text', (c) => c.notNull())
      .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
      .addColumn('policy_id', 'text', (c) => c.notNull())
      /** YYYY-MM-DD (UTC) of last_at. */
      .addColumn('day', 'text', (c) => c.notNull())
      /** The run time of the day's last scan of this policy on this host: the counts are its. */
      .addColumn('last_at', 'text', (c) => c.notNull())
      .addColumn('passed', 'integer', (c) => c.notNull())
      .addColumn('failed', 'integer', (c) => c.notNull())
      .addColumn('not_applicable', 'integer', (c) => c.notNull())
      .addColumn('error', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('baseline_daily_results_pk', ['host_id', 'policy_id', 'day'])
      .execute();
    await db.schema.createIndex('baseline_daily_results_day').on('baseline_daily_results').columns(['tenant_id', 'day']).execute();

    // A store 006 has not reached yet (numbers land out of order) has no per-scan rows to convert.
    const tables = await db.introspection.getTables();
    if (!tables.some((table) => table.name === 'baseline_check_history')) return;
    // Intervals from the per-scan rows (gaps and islands): the scans of a host's policy are
    // numbered in time; a check's scans with one result are numbered too. Along a run of
    // consecutive scans with that result both numbers grow together, so their difference names the
    // run; a scan with another result, or one without the check, moves the first number only.
    await sql`
      insert into baseline_check_states (tenant_id, host_id, policy_id, check_id, result, first_seen_at, last_seen_at, scans)
      select min(tenant_id), host_id, policy_id, check_id, result, min(at), max(at), count(distinct at)
      from (
        select h.*,
          dense_rank() over (partition by host_id, policy_id order by at)
            - dense_rank() over (partition by host_id, policy_id, check_id, result order by at) as island
        from baseline_check_history h
      ) numbered
      group by host_id, policy_id, check_id, result, island`.execute(db);
    // Each host's policy per day: the counts of the day's last scan.
    await sql`
      insert into baseline_daily_results (tenant_id, host_id, policy_id, day, last_at, passed, failed, not_applicable, error)
      select min(h.tenant_id), h.host_id, h.policy_id, substr(h.at, 1, 10), h.at,
        sum(case when h.result = 'passed' then 1 else 0 end),
        sum(case when h.result = 'failed' then 1 else 0 end),
        sum(case when h.result = 'not_applicable' then 1 else 0 end),
        sum(case when h.result = 'error' then 1 else 0 end)
      from baseline_check_history h
      join (
        select host_id, policy_id, max(at) as at from baseline_check_history group by host_id, policy_id, substr(at, 1, 10)
      ) last_scan on last_scan.host_id = h.host_id and last_scan.policy_id = h.policy_id and last_scan.at = h.at
      group by h.host_id, h.policy_id, h.at`.execute(db);
    await db.schema.dropTable('baseline_check_history').execute();
  },
};
