// Entry point of the `palisade` binary: one program, one file per command (src/cli/index.ts).
import { Command } from 'commander';
import { commands } from './index.js';
import { PALISADE_VERSION } from '../version.js';

const program = new Command('palisade')
  .description('Self-hosted workload protection for Linux hosts and containers')
  .version(PALISADE_VERSION)
  .showHelpAfterError();

for (const register of commands) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`palisade: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = process.exitCode || 2;
}
