// `palisade up` (what `npm start` runs): the server, the console and a local agent enrolled to it,
// in one process on the embedded defaults. The local agent enrolls itself on first start with a
// token it creates through the store, so a newcomer has nothing to copy and paste.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import pino from 'pino';
import { startAgent } from '../agent/daemon.js';
import { STATE_FILE } from '../agent/state.js';
import { loadServerConfig } from '../server/config.js';
import { startServer } from '../server/start.js';
import { createEnrollmentToken, revokeEnrollmentToken } from '../server/store/enrollment-tokens.js';
import { TenantScope } from '../server/store/tenant-scope.js';
import { stopOnSignals } from './lifecycle.js';
import { addServerOptions } from './server-options.js';
import { printWelcome } from './welcome.js';

export function registerUp(program: Command): void {
  addServerOptions(program.command('up').description('run server, console and a local agent on one machine (embedded defaults)'))
    .option('--no-agent', 'do not run the local agent')
    .action(async (flags: Record<string, unknown> & { agent: boolean }) => {
      const config = loadServerConfig(flags);
      const server = await startServer(config);
      const stops: (() => Promise<void>)[] = [];
      if (flags.agent) {
        const dataDir = join(config.dataDir, 'agent');
        let oneTimeToken: { id: string; token: string } | undefined;
        const scope = new TenantScope(server.context.store.db, server.bootstrap.tenantId, server.context.clock);
        if (!existsSync(join(dataDir, STATE_FILE))) {
          oneTimeToken = await createEnrollmentToken(scope, { name: 'local agent (palisade up)', expiresInHours: 1, createdBy: null });
        }
        const agent = await startAgent({
          serverUrl: server.url,
          enrollToken: oneTimeToken?.token,
          dataDir,
          log: pino({ level: config.logLevel, base: { component: 'agent' } }),
        });
        // The token served its one purpose; leaving it live would be a standing way to enroll.
        if (oneTimeToken) await revokeEnrollmentToken(scope, oneTimeToken.id);
        stops.push(() => agent.stop());
      }
      stops.push(() => server.close());
      printWelcome(server);
      stopOnSignals(async () => {
        for (const stop of stops) await stop();
      });
    });
}
