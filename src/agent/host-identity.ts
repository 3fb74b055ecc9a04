// What the agent says about its host in enrollment and heartbeats: machine-id, name, addresses,
// OS release, kernel. Read fresh each time, so a renamed host or a new address shows up.
import { readFileSync } from 'node:fs';
import { arch, hostname, networkInterfaces, release } from 'node:os';
import type { HostIdentity } from '../model/host.js';
import { PALISADE_VERSION } from '../version.js';

function readFirst(paths: readonly string[]): string | null {
  for (const path of paths) {
    try {
      const text = readFileSync(path, 'utf8').trim();
      if (text) return text;
    } catch {
      // try the next location
    }
  }
  return null;
}

/** os-release(5): KEY=value lines, values optionally quoted. */
export function parseOsRelease(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    fields[match[1]!] = match[2]!.replace(/^(["'])(.*)\1$/, '$2').replace(/\\(.)/g, '$1');
  }
  return fields;
}

export function hostAddresses(): string[] {
  const addresses: string[] = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (!entry.internal) addresses.push(entry.address);
  }
  return addresses.length > 0 ? addresses : ['127.0.0.1'];
}

export function readHostIdentity(components: readonly string[], fallbackMachineId: string): HostIdentity {
  const osRelease = parseOsRelease(readFirst(['/etc/os-release', '/usr/lib/os-release']) ?? '');
  return {
    machineId: readFirst(['/etc/machine-id', '/var/lib/dbus/machine-id']) ?? fallbackMachineId,
    hostname: hostname(),
    ips: hostAddresses().slice(0, 256),
    osName: osRelease.NAME ?? 'Linux',
    osVersion: osRelease.VERSION_ID ?? osRelease.VERSION ?? '',
    kernel: release(),
    arch: arch() === 'x64' ? 'x86_64' : arch() === 'arm64' ? 'aarch64' : arch(),
    agentVersion: PALISADE_VERSION,
    components: [...components],
  };
}
