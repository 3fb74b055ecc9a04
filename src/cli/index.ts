// Every top-level command, one file each, loaded only when it runs: the agent on a protected host
// should not pay in memory for the server, the image scanner or the YARA engine it never uses.
// Adding a command adds one line here.
import type { Command } from 'commander';

export type RegisterCommand = (program: Command) => void;

export const commands: Readonly<Record<string, () => Promise<RegisterCommand>>> = {
  up: async () => (await import('./up.js')).registerUp,
  server: async () => (await import('./server.js')).registerServer,
  agent: async () => (await import('./agent.js')).registerAgent,
  scan: async () => (await import('./scan.js')).registerScan,
  db: async () => (await import('./db.js')).registerDb,
  schema: async () => (await import('./schema.js')).registerSchema,
};
