// `palisade scan host` and `palisade scan rootfs DIR`: the chosen scanners (default: the
// inventory) once over the live host or a root filesystem directory, written as a table for
// people or JSON for machines, to stdout or --output. --exit-code N fails a CI job when findings
// of --severity exist.
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { writers } from '../report/index.js';
import { countFindings, runScan } from '../scan/run-scan.js';
import { ALL_SEVERITIES, parseSeverities } from '../scan/severity-option.js';
import { DirView } from '../view/dir-view.js';
import { HostView } from '../view/host-view.js';
import type { SystemView } from '../view/system-view.js';

interface TargetOptions {
  readonly scanners: string;
  readonly format: string;
  readonly output?: string;
  readonly severity: string;
  readonly exitCode: string;
  readonly db?: string;
  readonly ignoreUnfixed?: boolean;
  readonly policy?: string[];
  readonly trustPolicy?: string;
}

async function scanTarget(openView: () => Promise<SystemView>, options: TargetOptions): Promise<void> {
  const writer = writers.get(options.format);
  if (!writer) throw new Error(`--format: "${options.format}" is not one of ${[...writers.keys()].join(', ')}`);
  const exitCode = Number(options.exitCode);
  if (!Number.isInteger(exitCode) || exitCode < 0 || exitCode > 255) throw new Error(`--exit-code: "${options.exitCode}" is not a number from 0 to 255`);
  const severities = parseSeverities(options.severity);
  const scannerNames = options.scanners.split(',').map((s) => s.trim()).filter(Boolean);
  const view = await openView();
  // Progress only where a person watches; pipes and CI logs stay quiet (DESIGN.md).
  if (process.stderr.isTTY) process.stderr.write(`palisade: scanning ${view.kind} ${view.name} (${scannerNames.join(', ')})…\n`);
  const result = await runScan({ view, scanners: scannerNames, options: { db: options.db, ignoreUnfixed: options.ignoreUnfixed === true, policy: options.policy, trustedPolicies: options.trustPolicy } });
  const text = writer.write(result);
  if (options.output) await writeFile(options.output, text);
  else process.stdout.write(text);
  if (exitCode !== 0 && countFindings(result.report, severities) > 0) process.exitCode = exitCode;
}

function withScanOptions(command: Command): Command {
  return command
    .option('--scanners <names>', 'comma-separated scanners to run', 'inventory')
    .option('--format <format>', `output format (${[...writers.keys()].join(', ')})`, 'table')
    .option('-o, --output <file>', 'write the report to this file instead of stdout')
    .option('--severity <levels>', 'severities that count as findings for --exit-code', ALL_SEVERITIES)
    .option('--exit-code <n>', 'exit with this code when findings of --severity exist', '0')
    .option('--db <file>', 'advisory database for the vuln scanner (default: data/advisories.db, else the bundled sample)')
    .option('--ignore-unfixed', 'vuln scanner: leave out vulnerabilities with no fixed version yet')
    .option('--policy <path...>', 'baseline scanner: SCA policy files or directories (default: Palisade\'s own policies)')
    .option('--trust-policy <ids>', 'baseline scanner: comma-separated policy ids (or *) whose command rules may run on a live host');
}

export function registerScanHost(scan: Command): void {
  withScanOptions(scan.command('host').description('scan this running host (/, /proc, its processes and sockets)')).action((options: TargetOptions) =>
    scanTarget(async () => new HostView(), options),
  );
}

export function registerScanRootfs(scan: Command): void {
  withScanOptions(scan.command('rootfs').argument('<dir>', 'root filesystem directory').description('scan a root filesystem in a directory (an unpacked image or a mounted disk)')).action(
    (dir: string, options: TargetOptions) => scanTarget(() => DirView.open(dir), options),
  );
}
