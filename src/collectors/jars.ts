// `jars`: every Java archive (.jar, .war, .ear) in the view with its Maven coordinates and SHA-1,
// and the jars inside it (Spring Boot BOOT-INF/lib, WEB-INF/lib, shaded artifacts), each as its
// own row whose `parent` names the archive holding it. Jars that are not zips, zip bombs and
// oversized archives become warnings; see jar/jar-inspector.ts for the caps. Which archives there
// are comes from the run's one walk of the disk (disk-walk/), which also says what it skips.
import { createHash } from 'node:crypto';
import type { Jar } from '../model/inventory.js';
import type { FileStat, SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { diskFindings, keptResults } from './disk-walk/disk-walk.js';
import { eachLimited } from './disk-walk/each-limited.js';
import type { FileResults } from './disk-walk/file-results.js';
import { inspectJar, readByInspector, type JarInspection, type JarRecord } from './jar/jar-inspector.js';
import { HashPool } from './jar/hash-pool.js';
import { MIN_PARTS_BYTES, zipParts } from './jar/zip-parts.js';
import { readBytesSafely, readSafely } from './read-safely.js';

/** Larger archives are listed in a warning and not read (a jar is read into memory whole). */
export const MAX_JAR_BYTES = 256 * 1024 * 1024;

const JAR_FILE = /\.(jar|war|ear)$/i;
/** Jars read at once: few, as each may hold a fat jar's nested jars in memory. */
const JARS_IN_FLIGHT = 3;
/** Where an agent keeps each jar's inspection between ticks (disk-walk/file-results.ts); bump with the collector. */
const RESULTS = 'jars@1';

function rowsOf(record: JarRecord, parent: string | null, rows: Jar[]): void {
  rows.push({ path: record.path, parent, groupId: record.groupId, artifactId: record.artifactId, version: record.version, sha1: record.sha1 });
  for (const nested of record.nested) rowsOf(nested, record.path, rows);
}

/**
 * A jar on disk inspected in bounded memory where the view allows: its SHA-1 streamed in chunks,
 * and only its directory and the entries the inspector reads held (zero pages elsewhere), so a
 * 70 MB shaded jar does not become 70 MB of heap. Small jars, and views without ranged reads,
 * are read whole.
 */
async function inspectFile(view: SystemView, entry: FileStat, out: Collected<'jars'>, pool: HashPool | null): Promise<JarInspection | null> {
  const readWhole = () => readBytesSafely(view, entry.path, out, MAX_JAR_BYTES);
  if (entry.size < MIN_PARTS_BYTES || !view.readChunked || !view.readRange) {
    const bytes = await readWhole();
    return bytes === null ? null : inspectJar(bytes, entry.path);
  }
  // Hashed by a worker while this thread reads the parts; where it could not, here as before.
  const hashing = pool?.sha1(entry.path) ?? Promise.resolve(null);
  const parts = await zipParts(view, entry.path, entry.size, readByInspector, readWhole);
  let sha1 = await hashing;
  if (sha1 === null) {
    const hash = createHash('sha1');
    const streamed = await readSafely(out, entry.path, () => view.readChunked!(entry.path, (chunk) => hash.update(chunk)));
    if (!streamed) return null;
    sha1 = hash.digest('hex');
  }
  if (parts === null) return null;
  // A jar replaced between the two reads: its parts and its hash may not match; read it whole.
  if (parts.length !== entry.size) return inspectJar(parts, entry.path);
  return inspectJar(parts, entry.path, undefined, sha1);
}

/**
 * Jars inspected a few at a time (one waits on the disk while another is hashed), then listed in
 * the walk's order with their warnings, whatever order the reads finished in.
 */
async function collectJars(view: SystemView, archives: readonly FileStat[], out: Collected<'jars'>, kept: FileResults | undefined): Promise<void> {
  const results = new Map<FileStat, JarInspection>();
  // Only a live host's paths are this machine's for a worker to open (jar/hash-pool.ts).
  const pool = view.kind === 'host' && archives.some((entry) => entry.size >= MIN_PARTS_BYTES) ? new HashPool() : null;
  try {
    await eachLimited(archives, JARS_IN_FLIGHT, async (entry) => {
      if (entry.size > MAX_JAR_BYTES) return;
      const inspection = kept?.get<JarInspection>(RESULTS, entry) ?? (await inspectFile(view, entry, out, pool));
      if (!inspection) return;
      kept?.set(RESULTS, entry, inspection);
      results.set(entry, inspection);
    });
  } finally {
    await pool?.close();
  }
  for (const entry of archives) {
    if (entry.size > MAX_JAR_BYTES) out.warn(`${entry.size} bytes: larger than ${MAX_JAR_BYTES}, not read`, entry.path);
    const inspection = results.get(entry);
    if (!inspection) continue;
    for (const warning of inspection.warnings) out.warn(warning.message, warning.path);
    if (inspection.jar) rowsOf(inspection.jar, null, out.items);
  }
}

export const jarsCollector: Collector<'jars'> = {
  name: 'jars',
  kind: 'jars',
  version: 1,
  liveOnly: false,
  needs: { match: (path) => JAR_FILE.test(path) },
  async collect(view, context) {
    const out = new Collected(this);
    await collectJars(view, (await diskFindings(view, context.disk)).archives, out, keptResults(view, context.disk));
    return out.output();
  },
};
