// The archive reader over a real root filesystem: however many archives are handed over at once
// (the walk hands them over synchronously), no more than its limit are read at a time, and
// every one is answered, broken ones with their notes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipOf } from '../../vulndb/testdata/zip-writer.js';
import type { SystemView } from '../../view/system-view.js';
import { buildRootfs, type Rootfs } from '../rootfs-fixture.js';
import { ArchiveReader } from './archive-reads.js';

let rootfs: Rootfs;
const COUNT = 40;

beforeAll(async () => {
  const files: Record<string, string | Buffer> = { '/opt/broken.jar': 'not a zip' };
  for (let i = 0; i < COUNT; i++) files[`/opt/lib/lib${i}-1.${i}.jar`] = zipOf({ [`META-INF/maven/org.example/lib${i}/pom.properties`]: `groupId=org.example\nartifactId=lib${i}\nversion=1.${i}\n` });
  rootfs = await buildRootfs(files);
});
afterAll(async () => {
  await rootfs?.remove();
});

/** The view with the reads under way counted, and the most at once remembered. */
function counted(view: SystemView): { view: SystemView; most: () => number } {
  let now = 0;
  let most = 0;
  const wrapped = Object.create(view) as SystemView;
  Object.defineProperty(wrapped, 'readFile', {
    value: async (...args: Parameters<SystemView['readFile']>) => {
      most = Math.max(most, ++now);
      try {
        return await view.readFile(...args);
      } finally {
        now--;
      }
    },
  });
  return { view: wrapped, most: () => most };
}

describe('ArchiveReader', () => {
  it('reads at most its limit at once when archives are handed over together, and answers each', async () => {
    const { view, most } = counted(rootfs.view);
    const reader = new ArchiveReader(view, undefined);
    const archives = [];
    for await (const entry of rootfs.view.walk('/opt')) if (entry.path.endsWith('.jar')) archives.push(entry);
    expect(archives.length).toBe(COUNT + 1);
    for (const entry of archives) reader.add(entry);
    const reads = await reader.results();
    expect(most()).toBe(3);
    expect(reads.size).toBe(COUNT + 1);
    expect(reads.get('/opt/lib/lib7-1.7.jar')?.inspection?.jar).toMatchObject({ artifactId: 'lib7', version: '1.7' });
    expect(reads.get('/opt/broken.jar')?.inspection?.jar).toBeNull();
  });
});
