// The server's command-line flags, shared by `palisade server` and `palisade up`. Each flag has a
// PALISADE_* environment variable (src/server/config.ts); the flag wins.
import type { Command } from 'commander';

export function addServerOptions(command: Command): Command {
  return command
    .option('--port <port>', 'port to listen on (PALISADE_PORT, default 8080)')
    .option('--host <address>', 'address to listen on (PALISADE_HOST, default 127.0.0.1)')
    .option('--data-dir <dir>', 'where SQLite and local state live (PALISADE_DATA_DIR, default ./data)')
    .option('--database-url <url>', 'postgres://… or a SQLite file path (PALISADE_DATABASE_URL, default <data-dir>/palisade.db)')
    .option('--log-level <level>', 'fatal|error|warn|info|debug|trace|silent (PALISADE_LOG_LEVEL, default info)')
    .option('--advisory-source <dir|url>', 'advisory mirror: a directory of OSV JSON/all.zip files, or an http(s) URL of an all.zip or an index of them (PALISADE_ADVISORY_SOURCE)')
    .option('--advisory-refresh-hours <hours>', 'how often the advisory source is checked (PALISADE_ADVISORY_REFRESH_HOURS, default 24)');
}
