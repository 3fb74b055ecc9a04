// Run as an unprivileged user (nobody), the process and port collectors still list everything
// /proc shows to anyone, and say in "not visible" notes what only root may read: other users'
// executables and socket tables. The collectors are bundled to one file so that user needs no
// access to the project's directory.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { needService } from '../../test/support/services.js';

const NOBODY = 65534;

describe('collectors run without root', () => {
  it('report what they may not read as not visible, instead of an empty answer', (test) => {
    if (!needService('root', { available: process.getuid?.() === 0, reason: 'must run as root to start a process as nobody' })) return test.skip();
    const dir = mkdtempSync(join(tmpdir(), 'palisade-unprivileged-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        `import { HostView } from ${JSON.stringify(fileURLToPath(new URL('../view/host-view.ts', import.meta.url)))};
         import { processesCollector } from ${JSON.stringify(fileURLToPath(new URL('./processes.ts', import.meta.url)))};
         import { portsCollector } from ${JSON.stringify(fileURLToPath(new URL('./ports.ts', import.meta.url)))};
         const view = new HostView();
         const context = { now: () => new Date() };
         const processes = await processesCollector.collect(view, context);
         const ports = await portsCollector.collect(view, context);
         process.stdout.write(JSON.stringify({ pid: process.pid, processes, ports }));`,
      );
      buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: join(dir, 'bundle.mjs'), logLevel: 'error' });
      chmodSync(dir, 0o755);
      const run = spawnSync(process.execPath, [join(dir, 'bundle.mjs')], { uid: NOBODY, gid: NOBODY, encoding: 'utf8', cwd: dir, timeout: 120_000 });
      expect(run.stderr).toBe('');
      const result = JSON.parse(run.stdout) as {
        pid: number;
        processes: { items: { pid: number; user: string | null; executableSha256: string | null }[]; notVisible: { path: string; message: string }[] };
        ports: { items: { pid: number | null }[]; notVisible: { path: string; message: string }[] };
      };
      expect(result.processes.items.length).toBeGreaterThan(10);
      expect(result.processes.items.find((item) => item.pid === result.pid)?.executableSha256).toMatch(/^[0-9a-f]{64}$/);
      for (const item of result.processes.items.filter((row) => row.executableSha256 !== null)) expect(item.user).toBe('nobody');
      expect(result.processes.notVisible).toEqual([{ kind: 'processes', path: '/proc/*/exe', message: expect.stringMatching(/^executables of \d+ processes not visible/) }]);
      expect(result.ports.items.length).toBeGreaterThan(0);
      expect(result.ports.notVisible).toEqual([{ kind: 'ports', path: '/proc/*/fd', message: expect.stringMatching(/^sockets of \d+ processes not visible/) }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
