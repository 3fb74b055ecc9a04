// `palisade server`: the control plane alone (API, ingestion, console), for a dedicated machine.
import type { Command } from 'commander';
import { loadServerConfig } from '../server/config.js';
import { startServer } from '../server/start.js';
import { stopOnSignals } from './lifecycle.js';
import { addServerOptions } from './server-options.js';
import { printWelcome } from './welcome.js';

export function registerServer(program: Command): void {
  addServerOptions(program.command('server').description('run the Palisade server (API, ingestion, console)')).action(async (flags: Record<string, unknown>) => {
    const config = loadServerConfig(flags);
    const server = await startServer(config);
    printWelcome(server);
    stopOnSignals(() => server.close());
  });
}
