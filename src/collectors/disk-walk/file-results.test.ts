// The agent's kept disk results over a real root filesystem: a tick after the first reads no file
// that is unchanged, a jar rewritten in place (same size, even with its mtime set back) is read
// again, a deleted one drops out of the rows and of the file, and a damaged file is discarded
// with a warning while the answer stays the one a fresh read gives.
import { readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zipOf } from '../../vulndb/testdata/zip-writer.js';
import type { SystemView } from '../../view/system-view.js';
import type { Collector } from '../collector.js';
import { jarsCollector } from '../jars.js';
import { languagePackagesCollector } from '../language-packages.js';
import { buildRootfs, type Rootfs } from '../rootfs-fixture.js';
import { webFrameworksCollector } from '../web-frameworks.js';
import { SharedDiskWalk } from './disk-walk.js';
import { FileResults } from './file-results.js';

const pom = (version: string) => zipOf({ 'META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties': `groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=${version}\n` });
const spring = zipOf({ 'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\nSpring-Boot-Version: 3.2.5\r\n\r\n' });

let rootfs: Rootfs;
let state: string;

/** The view with every byte read recorded by path, so a test sees which files a tick opened. */
function counted(view: SystemView): { view: SystemView; reads: Set<string> } {
  const reads = new Set<string>();
  const wrapped = Object.create(view) as SystemView;
  for (const method of ['readFile', 'readRange', 'readChunked'] as const) {
    const original = view[method];
    if (!original) continue;
    Object.defineProperty(wrapped, method, {
      value: (path: string, ...rest: unknown[]) => {
        reads.add(path);
        return (original as (...args: unknown[]) => unknown).call(view, path, ...rest);
      },
    });
  }
  return { view: wrapped, reads };
}

/** One agent tick of the disk kinds: results loaded from the state directory and saved after. */
async function tick(warnings: string[] = []) {
  const { view, reads } = counted(rootfs.view);
  const results = new FileResults(join(state, 'disk-results.json'), (message) => warnings.push(message));
  const disk = new SharedDiskWalk(view, results);
  const outputs: Record<string, unknown> = {};
  for (const collector of [webFrameworksCollector, jarsCollector, languagePackagesCollector] as Collector[]) {
    outputs[collector.name] = await collector.collect(view, { now: () => new Date(), disk });
  }
  results.save();
  return { outputs, reads };
}

/** The same kinds read afresh, with no kept results: what a tick must answer. */
async function fresh() {
  const disk = new SharedDiskWalk(rootfs.view);
  const outputs: Record<string, unknown> = {};
  for (const collector of [webFrameworksCollector, jarsCollector, languagePackagesCollector] as Collector[]) {
    outputs[collector.name] = await collector.collect(rootfs.view, { now: () => new Date(), disk });
  }
  return outputs;
}

const jarPaths = (outputs: Record<string, unknown>) => (outputs['jars'] as { items: { path: string; version: string | null }[] }).items.map((row) => `${row.path} ${row.version}`);

beforeEach(async () => {
  rootfs = await buildRootfs({
    '/usr/share/java/log4j-core.jar': pom('2.14.1'),
    '/opt/app/lib/other.jar': pom('2.0.0'),
    '/opt/app/spring-boot-3.2.5.jar': spring,
    '/opt/app/broken.jar': 'not a zip at all',
  });
  state = mkdtempSync(join(tmpdir(), 'palisade-disk-results-'));
});
afterEach(async () => {
  await rootfs.remove();
  rmSync(state, { recursive: true, force: true });
});

describe('disk results kept between agent ticks', () => {
  it('reads every archive on the first tick and none of them, unchanged, on the next, with the same answer', async () => {
    const first = await tick();
    expect(first.reads).toEqual(new Set(['/usr/share/java/log4j-core.jar', '/opt/app/lib/other.jar', '/opt/app/spring-boot-3.2.5.jar', '/opt/app/broken.jar']));
    expect(first.outputs).toEqual(await fresh());
    const second = await tick();
    expect(second.reads).toEqual(new Set());
    expect(second.outputs).toEqual(first.outputs);
    // The broken jar's warning comes from the kept result too.
    expect(JSON.stringify(second.outputs['jars'])).toContain('/opt/app/broken.jar');
  });

  it('reads a jar replaced in place with the same size again, also when its mtime is set back', async () => {
    await tick();
    const path = join(rootfs.dir, 'usr/share/java/log4j-core.jar');
    const before = statSync(path);
    const patched = pom('2.17.1');
    expect(patched.length).toBe(before.size);
    writeFileSync(path, patched);
    utimesSync(path, before.atime, new Date(before.mtimeMs + 2000));
    const second = await tick();
    expect(second.reads).toEqual(new Set(['/usr/share/java/log4j-core.jar']));
    expect(jarPaths(second.outputs)).toContain('/usr/share/java/log4j-core.jar 2.17.1');

    // Rewritten with the mtime put back as it was: the ctime still moves, so it is read again.
    writeFileSync(path, pom('2.14.1'));
    utimesSync(path, before.atime, new Date(before.mtimeMs + 2000));
    const third = await tick();
    expect(third.reads).toEqual(new Set(['/usr/share/java/log4j-core.jar']));
    expect(jarPaths(third.outputs)).toContain('/usr/share/java/log4j-core.jar 2.14.1');
    expect(third.outputs).toEqual(await fresh());
  });

  it('drops a deleted jar from the rows and from the kept file', async () => {
    await tick();
    rmSync(join(rootfs.dir, 'opt/app/lib/other.jar'));
    const second = await tick();
    expect(jarPaths(second.outputs)).not.toContain('/opt/app/lib/other.jar 2.0.0');
    expect(second.outputs).toEqual(await fresh());
    expect(readFileSync(join(state, 'disk-results.json'), 'utf8')).not.toContain('other.jar');
  });

  it('discards a damaged file with a warning and answers as a fresh read does', async () => {
    await tick();
    const file = join(state, 'disk-results.json');
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    const warnings: string[] = [];
    const second = await tick(warnings);
    expect(warnings).toEqual([expect.stringContaining('is damaged and was discarded')]);
    expect(second.reads.size).toBe(4);
    expect(second.outputs).toEqual(await fresh());
    // Written whole again: the next tick reads nothing and warns of nothing.
    const quiet: string[] = [];
    expect((await tick(quiet)).reads).toEqual(new Set());
    expect(quiet).toEqual([]);
  });

  it('does not use results of another version of a collector, and forgets them once it ran', async () => {
    await tick();
    const file = join(state, 'disk-results.json');
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { namespaces: Record<string, unknown> };
    kept.namespaces['archives@0'] = kept.namespaces['archives@1'];
    delete kept.namespaces['archives@1'];
    writeFileSync(file, JSON.stringify(kept));
    const second = await tick();
    expect(second.reads.size).toBe(4);
    expect(Object.keys((JSON.parse(readFileSync(file, 'utf8')) as typeof kept).namespaces).sort()).toEqual(['archives@1']);
  });
});
