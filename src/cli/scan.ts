// `palisade scan <target>`: the scanners run once over a host, a root filesystem, an image or log
// files. Each target is one file registering a subcommand here.
import type { Command } from 'commander';
import { registerScanLogs } from './scan-logs.js';
import { registerScanImage } from './scan-image.js';
import { registerScanHost, registerScanRootfs } from './scan-target.js';

export type RegisterScanTarget = (scan: Command) => void;

const targets: readonly RegisterScanTarget[] = [registerScanHost, registerScanRootfs, registerScanLogs, registerScanImage];

export function registerScan(program: Command): void {
  const scan = program.command('scan').description('scan a host, a root filesystem, an image or log files');
  for (const register of targets) register(scan);
}
