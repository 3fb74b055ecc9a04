// The agent's enrollment: which server it belongs to, its host id and credential. Written with
// mode 0600 (the credential is a bearer secret) and replaced atomically.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export const AgentState = z.object({
  serverUrl: z.string().url(),
  hostId: z.string().min(1),
  credential: z.string().min(1),
  enrolledAt: z.string(),
  heartbeatSeconds: z.number().int().positive(),
});
export type AgentState = z.infer<typeof AgentState>;

export const STATE_FILE = 'agent.json';

export function loadAgentState(dataDir: string): AgentState | null {
  const path = join(dataDir, STATE_FILE);
  if (!existsSync(path)) return null;
  const parsed = AgentState.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: not a valid agent state file (${parsed.error.issues[0]?.message}); remove it to enroll again`);
  return parsed.data;
}

export function saveAgentState(dataDir: string, state: AgentState): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, STATE_FILE);
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2), { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
