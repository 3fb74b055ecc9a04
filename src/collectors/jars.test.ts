// A root filesystem built here, holding jars made with Info-ZIP's `zip`: a library, a Spring
// Boot fat jar nesting it, a "jar" that is a text file, a zip bomb and a symlink to a jar.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Jar } from '../model/inventory.js';
import { MAX_ARCHIVE_BYTES as MAX_JAR_BYTES } from './disk-walk/archive-reads.js';
import { jarsCollector } from './jars.js';
import { buildRootfs, type Rootfs } from './rootfs-fixture.js';

let work: string;
let rootfs: Rootfs;
let lib: Buffer;
let fat: Buffer;

function zip(files: Record<string, string | Buffer | number>, stored: string[] = []): Buffer {
  const staging = mkdtempSync(join(work, 'staging-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(staging, name)), { recursive: true });
    if (typeof content === 'number') {
      writeFileSync(join(staging, name), '');
      truncateSync(join(staging, name), content); // that many zero bytes, sparse on disk
    } else writeFileSync(join(staging, name), content);
  }
  const archive = join(staging, 'out.zip');
  const deflated = Object.keys(files).filter((name) => !stored.includes(name));
  if (deflated.length > 0) execFileSync('zip', ['-q', '-X', archive, ...deflated], { cwd: staging });
  if (stored.length > 0) execFileSync('zip', ['-q', '-X', '-0', archive, ...stored], { cwd: staging });
  const bytes = readFileSync(archive);
  rmSync(staging, { recursive: true });
  return bytes;
}

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'palisade-jars-'));
  lib = zip({ 'META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties': 'groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.14.1\n' });
  fat = zip(
    {
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\nSpring-Boot-Version: 3.2.5\r\n\r\n',
      'META-INF/maven/com.shop/shop/pom.properties': 'groupId=com.shop\nartifactId=shop\nversion=1.0.0\n',
      'BOOT-INF/lib/log4j-core-2.14.1.jar': lib,
    },
    ['BOOT-INF/lib/log4j-core-2.14.1.jar'],
  );
  // 140 MB of zeros as a nested jar: inflating it whole would pass the 128 MB nested-jar cap.
  const bomb = zip({ 'WEB-INF/lib/bomb.jar': 140 * 1024 * 1024, 'META-INF/maven/x/boom/pom.properties': 'groupId=x\nartifactId=boom\nversion=1\n' });
  rootfs = await buildRootfs({
    '/usr/share/java/log4j-core-2.14.1.jar': lib,
    '/usr/share/java/log4j-core.jar': { symlink: 'log4j-core-2.14.1.jar' },
    '/opt/shop/shop.jar': fat,
    '/opt/shop/README.txt': 'not a jar',
    '/opt/broken/fake.jar': 'PK but not really a zip archive\n',
    '/srv/boom.war': bomb,
    '/proc/1/ignored.jar': lib,
    '/opt/huge/huge.jar': '',
  });
  truncateSync(join(rootfs.dir, 'opt/huge/huge.jar'), MAX_JAR_BYTES + 1); // sparse: no disk used
});
afterAll(async () => {
  await rootfs.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('jars collector over a root filesystem', () => {
  it('lists jars and their nested jars with coordinates and SHA-1, and warns about broken ones', async () => {
    const output = await jarsCollector.collect(rootfs.view, { now: () => new Date() });
    for (const item of output.items) expect(Jar.parse(item)).toEqual(item);
    expect(output.items).toEqual([
      { path: '/opt/shop/shop.jar', parent: null, groupId: 'com.shop', artifactId: 'shop', version: '1.0.0', sha1: sha1(fat) },
      {
        path: '/opt/shop/shop.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar',
        parent: '/opt/shop/shop.jar',
        groupId: 'org.apache.logging.log4j',
        artifactId: 'log4j-core',
        version: '2.14.1',
        sha1: sha1(lib),
      },
      { path: '/srv/boom.war', parent: null, groupId: 'x', artifactId: 'boom', version: '1', sha1: expect.stringMatching(/^[0-9a-f]{40}$/) },
      { path: '/usr/share/java/log4j-core-2.14.1.jar', parent: null, groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: '2.14.1', sha1: sha1(lib) },
    ]);
    expect(output.warnings).toEqual([
      { source: 'jars', path: '/opt/broken/fake.jar', message: expect.stringContaining('not a readable jar') },
      { source: 'jars', path: '/opt/huge/huge.jar', message: `${MAX_JAR_BYTES + 1} bytes: larger than ${MAX_JAR_BYTES}, not read` },
      { source: 'jars', path: '/srv/boom.war!/WEB-INF/lib/bomb.jar', message: expect.stringContaining('zip bomb?') },
    ]);
  });

  it('finds log4j-core 2.14.1 wherever it hides (the issue\'s example question)', async () => {
    const output = await jarsCollector.collect(rootfs.view, { now: () => new Date() });
    const log4j = output.items.filter((item) => item.artifactId === 'log4j-core' && item.version === '2.14.1');
    expect(log4j.map((item) => item.path)).toEqual(['/opt/shop/shop.jar!/BOOT-INF/lib/log4j-core-2.14.1.jar', '/usr/share/java/log4j-core-2.14.1.jar']);
  });

  it('reads a jar again once it changes, and only then', async () => {
    const first = await jarsCollector.collect(rootfs.view, { now: () => new Date() });
    const again = await jarsCollector.collect(rootfs.view, { now: () => new Date() });
    expect(again).toEqual(first);
    const patched = zip({ 'META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties': 'groupId=org.apache.logging.log4j\nartifactId=log4j-core\nversion=2.17.1\n' });
    writeFileSync(join(rootfs.dir, 'usr/share/java/log4j-core-2.14.1.jar'), patched);
    const after = await jarsCollector.collect(rootfs.view, { now: () => new Date() });
    expect(after.items.find((item) => item.path === '/usr/share/java/log4j-core-2.14.1.jar')).toMatchObject({ version: '2.17.1', sha1: sha1(patched) });
  });
});
