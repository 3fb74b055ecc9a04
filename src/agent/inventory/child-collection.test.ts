// Inventory kinds from a real child process over this machine: the answers are the ones
// collecting in this process gives (rows, and the one fact of host), the per-file results are written where asked (and a file
// that cannot be written is a warning, not a failure), and an abort kills the child.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SharedDiskWalk } from '../../collectors/disk-walk/disk-walk.js';
import { collectors } from '../../collectors/index.js';
import { collectInventory } from '../../scan/inventory-scanner.js';
import { HostView } from '../../view/host-view.js';
import { collectInChild } from './child-collection.js';

const dir = mkdtempSync(join(tmpdir(), 'palisade-disk-kinds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date('2026-11-27T12:00:00Z');

describe('collectInChild', () => {
  it('answers jars and web frameworks as collecting here does, and keeps the per-file results', async () => {
    const resultsFile = join(dir, 'disk-results.json');
    const answer = await collectInChild({ kinds: ['jars', 'webFrameworks'], resultsFile, archiveWorkers: 1, now: now.toISOString() }, new AbortController().signal);
    const view = new HostView();
    const disk = new SharedDiskWalk(view);
    const here = await collectInventory(view, { now: () => now, warn: () => undefined, disk }, collectors.filter((c) => c.kind === 'jars' || c.kind === 'webFrameworks'));
    expect([...answer.kinds.keys()]).toEqual(['jars', 'webFrameworks']);
    // Other tests make and remove archives under the temporary directory meanwhile: compared without them.
    const settled = <T extends { path: string }>(rows: readonly T[] | undefined) => (rows ?? []).filter((row) => !row.path.startsWith(`${tmpdir()}/`));
    expect(settled(answer.kinds.get('jars')?.answer as typeof here.jars)).toEqual(settled(here.jars));
    expect(settled(answer.kinds.get('webFrameworks')?.answer as typeof here.webFrameworks)).toEqual(settled(here.webFrameworks));
    expect(answer.warnings).toEqual([]);
    // Every jar of this machine's walk has its inspection kept for the next tick.
    const kept = JSON.parse(readFileSync(resultsFile, 'utf8')) as { namespaces: Record<string, Record<string, unknown>> };
    const topLevel = new Set(settled(here.jars).filter((jar) => jar.parent === null).map((jar) => jar.path));
    expect(Object.keys(kept.namespaces['archives@1'] ?? {}).filter((path) => topLevel.has(path)).length).toBe(topLevel.size);
  }, 120_000);

  it('answers single-fact and list kinds as collecting here does', async () => {
    const answer = await collectInChild({ kinds: ['host', 'accounts', 'kernelModules'], resultsFile: join(dir, 'unused.json'), archiveWorkers: 1, now: now.toISOString() }, new AbortController().signal);
    const here = await collectInventory(new HostView(), { now: () => now, warn: () => undefined }, collectors.filter((c) => ['host', 'accounts', 'kernelModules'].includes(c.kind)));
    expect(answer.kinds.get('host')?.answer).toEqual(here.host);
    expect(answer.kinds.get('accounts')?.answer).toEqual(here.accounts);
    expect(answer.kinds.get('kernelModules')?.answer).toEqual(here.kernelModules);
    // Nothing was looked up in the per-file results, so nothing was written.
    expect(existsSync(join(dir, 'unused.json'))).toBe(false);
  }, 60_000);

  it('warns, and still answers, when the results cannot be saved', async () => {
    const resultsFile = join(dir, 'missing-dir', 'disk-results.json');
    const answer = await collectInChild({ kinds: ['webFrameworks'], resultsFile, archiveWorkers: 1, now: now.toISOString() }, new AbortController().signal);
    expect(Array.isArray(answer.kinds.get('webFrameworks')?.answer)).toBe(true);
    expect(answer.warnings).toEqual([expect.stringContaining('per-file results not saved')]);
    expect(existsSync(resultsFile)).toBe(false);
  }, 120_000);

  it('kills the child when aborted and says so', async () => {
    const controller = new AbortController();
    const running = collectInChild({ kinds: ['languagePackages', 'jars'], resultsFile: join(dir, 'aborted.json'), archiveWorkers: 1, now: now.toISOString() }, controller.signal);
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toThrow(/killed by SIGKILL/);
  }, 60_000);
});
