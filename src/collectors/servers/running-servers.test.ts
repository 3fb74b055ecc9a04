// The version sources after the package: a server's own files, then (live host only) its binary.
import { chmodSync, chownSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needService } from '../../../test/support/services.js';
import { HostView } from '../../view/host-view.js';
import { readListeningSockets } from '../proc/listening-sockets.js';
import { readProcessTable } from '../proc/process-table.js';
import { databaseEngines } from './database-engines.js';
import { InstalledPackages, upstreamVersion } from './installed-packages.js';
import { findRunningServers, trustedBinary } from './running-servers.js';

describe('running servers', () => {
  it('strips epoch and packaging revision from package versions', () => {
    expect(upstreamVersion('1:10.11.19-0+deb12u1', 'dpkg')).toBe('10.11.19');
    expect(upstreamVersion('5:7.0.15-1~deb12u10', 'dpkg')).toBe('7.0.15');
    expect(upstreamVersion('2.9.10-1+b3', 'dpkg')).toBe('2.9.10');
    expect(upstreamVersion('1.2.3', 'dpkg')).toBe('1.2.3');
    expect(upstreamVersion('1.1.1d-r2', 'apk')).toBe('1.1.1d');
    expect(upstreamVersion('3.0.7-27.el9', 'rpm')).toBe('3.0.7');
  });

  it('falls back to files, then to the binary, when no package owns the executable', async (test) => {
    const view = new HostView();
    const table = await readProcessTable(view);
    const listening = await readListeningSockets(view);
    const installed = await InstalledPackages.read(view);
    const unpackaged = databaseEngines.map((spec) => ({ ...spec, packages: /^$/, versionPackage: undefined }));
    const servers = await findRunningServers(view, unpackaged, table.processes, listening.sockets, installed);
    const byName = new Map(servers.map((server) => [server.name, server]));
    if (!needService('nats', { available: byName.has('nats'), reason: 'no nats-server running' })) return test.skip();
    const packaged = await findRunningServers(view, databaseEngines, table.processes, listening.sockets, installed);
    for (const server of packaged) {
      const fallback = byName.get(server.name);
      expect(fallback?.version, server.name).toBe(server.version);
    }
    expect(byName.get('rabbitmq')?.versionSource).toBe('files');
    expect(byName.get('nats')?.versionSource).toBe('command /usr/sbin/nats-server --version');
  });

  it('runs only binaries root owns and nobody else may change', async (test) => {
    if (!needService('root', { available: process.getuid?.() === 0, reason: 'file ownership changes need root' })) return test.skip();
    const view = new HostView();
    const dir = mkdtempSync(join(tmpdir(), 'palisade-trust-'));
    try {
      const binary = join(dir, 'postgres');
      copyFileSync('/bin/true', binary);
      chmodSync(binary, 0o755);
      chmodSync(dir, 0o755);
      expect(await trustedBinary(view, binary)).not.toBeNull();
      chmodSync(dir, 0o1777); // a /tmp-like directory: anyone could have swapped the file
      expect(await trustedBinary(view, binary)).toBeNull();
      chmodSync(dir, 0o755);
      chmodSync(binary, 0o775);
      expect(await trustedBinary(view, binary)).toBeNull();
      chmodSync(binary, 0o755);
      chownSync(binary, 65534, 65534); // owned by nobody
      expect(await trustedBinary(view, binary)).toBeNull();
      expect(await trustedBinary(view, join(dir, 'missing'))).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
