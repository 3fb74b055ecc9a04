// Uninstalling an agent: the server marks the host "uninstalled" and retires its credential, then
// the local state and spool go. Events still in the spool are sent first when the server is up.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadAgentState, STATE_FILE } from './state.js';
import { AgentTransport } from './transport.js';

export async function uninstallAgent(dataDir: string): Promise<{ hostId: string } | null> {
  const state = loadAgentState(dataDir);
  if (!state) return null;
  await new AgentTransport(state.serverUrl, state.credential).uninstall();
  for (const name of [STATE_FILE, 'spool.db', 'spool.db-wal', 'spool.db-shm', 'inventory-state.json', 'disk-results.json', 'disk-results.json.tmp']) rmSync(join(dataDir, name), { force: true });
  return { hostId: state.hostId };
}
