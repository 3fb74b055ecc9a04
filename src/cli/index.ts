// Every top-level command, one file each. Adding a command adds one line here.
import type { Command } from 'commander';
import { registerAgent } from './agent.js';
import { registerDb } from './db.js';
import { registerScan } from './scan.js';
import { registerServer } from './server.js';
import { registerUp } from './up.js';
import { registerSchema } from './schema.js';

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [registerUp, registerServer, registerAgent, registerScan, registerDb, registerSchema];
