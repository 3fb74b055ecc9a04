// `palisade db import PATH… [--db FILE]` and `palisade db info [--db FILE]`: the OSV advisory
// database that `palisade scan --scanners vuln` matches against.
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { AdvisoryDatabase, type DatabaseInfo } from '../vulndb/advisory-db.js';
import { importOsv } from '../vulndb/importer.js';
import { DEFAULT_DATABASE_PATH, resolveDatabasePath } from '../vulndb/sample-db.js';

function printInfo(info: DatabaseInfo): void {
  console.log(`database    ${info.path}`);
  console.log(`built at    ${info.builtAt ?? 'never'}`);
  console.log(`advisories  ${info.advisories} (${info.withdrawn} withdrawn), ${info.packages} packages`);
  for (const e of info.ecosystems) console.log(`  ${e.ecosystem.padEnd(40)} ${e.advisories}`);
  console.log('sources');
  for (const s of info.sources) console.log(`  ${s.importedAt}  ${s.location}: ${s.records} records, ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.withdrawn} withdrawn, ${s.skipped} skipped`);
}

export function registerDb(program: Command): void {
  const db = program.command('db').description('the OSV advisory database used for vulnerability matching');

  db.command('import')
    .description('import OSV advisories from JSON files, directories or all.zip archives')
    .argument('<paths...>', 'OSV JSON files, directories of them, or osv.dev all.zip archives')
    .option('--db <file>', 'database file to create or update', DEFAULT_DATABASE_PATH)
    .option('--json', 'print the import report as JSON')
    .action(async (paths: string[], options: { db: string; json?: boolean }) => {
      mkdirSync(dirname(options.db), { recursive: true });
      const database = AdvisoryDatabase.open(options.db, { writable: true });
      const tty = process.stderr.isTTY;
      try {
        const report = await importOsv(database, paths, {
          now: () => new Date(),
          onProgress: tty ? (location, n) => process.stderr.write(`\rimporting ${location}: ${n} records`) : undefined,
        });
        if (tty) process.stderr.write('\r\x1b[K');
        for (const error of report.errors) console.error(`skipped: ${error}`);
        if (options.json) console.log(JSON.stringify({ database: options.db, ...report }, null, 2));
        else {
          for (const s of report.sources) console.log(`${s.location}: ${s.records} records, ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged, ${s.withdrawn} withdrawn, ${s.skipped} skipped`);
          console.log(`database ${options.db}: ${database.info().advisories} advisories`);
        }
      } finally {
        database.close();
      }
    });

  db.command('info')
    .description('show what an advisory database holds and where it came from')
    .option('--db <file>', `database file (default: ${DEFAULT_DATABASE_PATH}, else the bundled sample)`)
    .option('--json', 'print as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const database = AdvisoryDatabase.open(await resolveDatabasePath(options.db));
      try {
        const info = database.info();
        if (options.json) console.log(JSON.stringify(info, null, 2));
        else printInfo(info);
      } finally {
        database.close();
      }
    });
}
