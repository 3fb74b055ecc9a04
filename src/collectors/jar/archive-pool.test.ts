// The worker pool's inspections against the main thread's over the same real files: a small jar
// (read whole), a fat jar large enough to be read in parts with its hash streamed, several in
// flight on one worker; null (not a throw) for what it cannot or must not read, so the caller
// falls back to its view; and a closed pool answers what was still waiting.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipOf } from '../../vulndb/testdata/zip-writer.js';
import { inspectArchive } from './archive-inspection.js';
import { ArchivePool, archiveWorkerCount } from './archive-pool.js';
import { MIN_PARTS_BYTES } from './zip-parts.js';

let dir: string;
const MAX = 64 * 1024 * 1024;
const pom = (artifact: string, version: string) => `groupId=org.example\nartifactId=${artifact}\nversion=${version}\n`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'palisade-archive-pool-'));
  writeFileSync(join(dir, 'small-1.0.jar'), zipOf({ 'META-INF/maven/org.example/small/pom.properties': pom('small', '1.0') }));
  // A Spring Boot fat jar past the parts threshold: random bytes do not deflate, so it stays large.
  const inner = zipOf({ 'META-INF/maven/org.example/inner/pom.properties': pom('inner', '2.0'), 'payload.bin': randomBytes(MIN_PARTS_BYTES) });
  writeFileSync(
    join(dir, 'app-3.0.jar'),
    zipOf({
      'META-INF/MANIFEST.MF': 'Manifest-Version: 1.0\r\nSpring-Boot-Version: 3.2.5\r\n\r\n',
      'META-INF/maven/org.example/app/pom.properties': pom('app', '3.0'),
      'BOOT-INF/lib/inner-2.0.jar': inner,
      'BOOT-INF/lib/spring-webmvc-6.1.6.jar': zipOf({ 'x.class': 'x' }),
      'static/noise.bin': randomBytes(MIN_PARTS_BYTES),
    }),
  );
  writeFileSync(join(dir, 'not-a-zip.jar'), 'plain text');
  symlinkSync(join(dir, 'small-1.0.jar'), join(dir, 'link.jar'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const onMainThread = (name: string) => inspectArchive(readFileSync(join(dir, name)), join(dir, name));

describe('ArchivePool', () => {
  it('answers each archive as the main thread inspects it, several in flight on one worker', async () => {
    const pool = new ArchivePool(1);
    try {
      const names = ['small-1.0.jar', 'app-3.0.jar', 'not-a-zip.jar'];
      const answers = await Promise.all(names.map((name) => pool.inspect(join(dir, name), MAX)));
      expect(answers).toEqual(names.map(onMainThread));
      // The fat jar was read in parts, yet its hash is of the whole file and its nested jar was opened.
      const app = answers[1]!;
      expect(app.jar?.nested.map((jar) => `${jar.artifactId} ${jar.version}`)).toEqual(['inner 2.0', 'spring-webmvc 6.1.6']);
      expect(app.frameworks).toEqual([expect.objectContaining({ framework: 'Spring Boot', version: '3.2.5' }), expect.objectContaining({ framework: 'Spring MVC' })]);
      expect(answers[2]?.jar).toBeNull();
    } finally {
      await pool.close();
    }
  });

  it('answers null for a missing file, a directory, a symlink and a file over the cap, and keeps working', async () => {
    const pool = new ArchivePool(1);
    try {
      expect(await pool.inspect(join(dir, 'missing.jar'), MAX)).toBeNull();
      expect(await pool.inspect(dir, MAX)).toBeNull();
      expect(await pool.inspect(join(dir, 'link.jar'), MAX)).toBeNull();
      expect(await pool.inspect(join(dir, 'small-1.0.jar'), 10)).toBeNull();
      expect(await pool.inspect(join(dir, 'small-1.0.jar'), MAX)).toEqual(onMainThread('small-1.0.jar'));
    } finally {
      await pool.close();
    }
  });

  it('answers null for what is still waiting when it is closed, and null once closed', async () => {
    const pool = new ArchivePool(1);
    const waiting = Promise.all(Array.from({ length: 20 }, () => pool.inspect(join(dir, 'app-3.0.jar'), MAX)));
    await pool.close();
    const answers = await waiting;
    expect(answers.length).toBe(20);
    expect(answers.some((answer) => answer === null)).toBe(true);
    expect(await pool.inspect(join(dir, 'small-1.0.jar'), MAX)).toBeNull();
  });

  it('sizes itself to the cores but one, at least one', () => {
    expect(archiveWorkerCount()).toBeGreaterThanOrEqual(1);
  });
});
