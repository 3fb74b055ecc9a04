// Every top-level command, one file each. Adding a command adds one line here.
import type { Command } from 'commander';
import { registerScan } from './scan.js';

export type RegisterCommand = (program: Command) => void;

export const commands: readonly RegisterCommand[] = [registerScan];
