// Entry point of the `palisade` binary: one program, one file per command (src/cli/index.ts).
import { Command } from 'commander';
import { commands } from './index.js';
import { PALISADE_VERSION } from '../version.js';

const program = new Command('palisade')
  .description('Self-hosted workload protection for Linux hosts and containers')
  .version(PALISADE_VERSION)
  .showHelpAfterError();

try {
  // The first word that is not an option names the command; load just that one, or all of them
  // for help and for a word that is no command (so commander can list them).
  const named = process.argv.slice(2).find((word) => !word.startsWith('-'));
  const wanted = named && named in commands ? [named] : Object.keys(commands);
  for (const name of wanted) (await commands[name]!())(program);
  await program.parseAsync(process.argv);
} catch (error) {
  console.error(`palisade: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = process.exitCode || 2;
}
