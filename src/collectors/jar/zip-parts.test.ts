// zipParts against a whole read, on real archives made with Info-ZIP's `zip`: a Spring Boot
// fat jar large enough to be read in parts gives the same frameworks without the whole file
// being read, and what is not a zip falls back to the whole read (and its error).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameworksInArchive } from '../frameworks/jar-frameworks.js';
import { buildRootfs, type Rootfs } from '../rootfs-fixture.js';
import { inspectJar } from './jar-inspector.js';
import { viewRanges, zipParts } from './zip-parts.js';

let rootfs: Rootfs;
const JAR_ENTRY = /\.(jar|war|ear)$|^META-INF\/MANIFEST\.MF$|\/pom\.properties$/i;

beforeAll(async () => {
  rootfs = await buildRootfs({ '/opt/not-a-zip.jar': randomBytes(4 * 1024 * 1024) });
  const staging = join(rootfs.dir, 'staging');
  mkdirSync(join(staging, 'META-INF'), { recursive: true });
  mkdirSync(join(staging, 'BOOT-INF/lib'), { recursive: true });
  writeFileSync(join(staging, 'META-INF/MANIFEST.MF'), 'Manifest-Version: 1.0\r\nSpring-Boot-Version: 3.2.5\r\n\r\n');
  // Incompressible, stored: the archive is ~6 MB, most of it bytes a framework search never needs.
  writeFileSync(join(staging, 'BOOT-INF/lib/spring-webmvc-6.1.6.jar'), randomBytes(6 * 1024 * 1024));
  execFileSync('zip', ['-q', '-X', '-0', '-r', join(rootfs.dir, 'opt/app.jar'), 'META-INF', 'BOOT-INF'], { cwd: staging });
});

afterAll(async () => {
  await rootfs?.remove();
});

const MANIFEST = (name: string) => name === 'META-INF/MANIFEST.MF';

describe('zipParts', () => {
  it('finds in the parts of a large archive what a whole read finds, without the whole read', async () => {
    const whole = readFileSync(join(rootfs.dir, 'opt/app.jar'));
    let wholeReads = 0;
    const parts = await zipParts(viewRanges(rootfs.view, '/opt/app.jar'), whole.length, MANIFEST, async () => {
      wholeReads++;
      return whole;
    });
    expect(wholeReads).toBe(0);
    expect(frameworksInArchive(parts!)).toEqual(frameworksInArchive(whole));
    expect(frameworksInArchive(whole).map((hit) => `${hit.framework} ${hit.version}`)).toEqual(['Spring Boot 3.2.5', 'Spring MVC 6.1.6']);
  });

  it('gives the jar inspector the entries it reads: the same record as from the whole file, given its SHA-1', async () => {
    const whole = readFileSync(join(rootfs.dir, 'opt/app.jar'));
    const parts = await zipParts(viewRanges(rootfs.view, '/opt/app.jar'), whole.length, (name) => JAR_ENTRY.test(name), async () => null);
    const fromWhole = inspectJar(whole, '/opt/app.jar');
    expect(inspectJar(parts!, '/opt/app.jar', undefined, fromWhole.jar!.sha1!)).toEqual(fromWhole);
    // The nested "jar" is random bytes: a warning, the same either way.
    expect(fromWhole.warnings).toHaveLength(1);
  });

  it('falls back to the whole read for what is not a zip', async () => {
    let wholeReads = 0;
    const bytes = await zipParts(viewRanges(rootfs.view, '/opt/not-a-zip.jar'), 4 * 1024 * 1024, MANIFEST, async () => {
      wholeReads++;
      return Buffer.from('whole');
    });
    expect(wholeReads).toBe(1);
    expect(bytes?.toString()).toBe('whole');
  });
});
