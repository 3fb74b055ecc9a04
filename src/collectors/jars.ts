// `jars`: every Java archive (.jar, .war, .ear) in the view with its Maven coordinates and SHA-1,
// and the jars inside it (Spring Boot BOOT-INF/lib, WEB-INF/lib, shaded artifacts), each as its
// own row whose `parent` names the archive holding it. Jars that are not zips, zip bombs and
// oversized archives become warnings; see jar/jar-inspector.ts for the caps. Which archives there
// are comes from the run's one walk of the disk (disk-walk/), which also says what it skips.
import type { Jar } from '../model/inventory.js';
import type { FileStat, SystemView } from '../view/system-view.js';
import { Collected, type Collector } from './collector.js';
import { diskFindings } from './disk-walk/disk-walk.js';
import { InspectionCache } from './jar/inspection-cache.js';
import { inspectJar, type JarInspection, type JarRecord } from './jar/jar-inspector.js';
import { readBytesSafely } from './read-safely.js';

/** Larger archives are listed in a warning and not read (a jar is read into memory whole). */
export const MAX_JAR_BYTES = 256 * 1024 * 1024;

const JAR_FILE = /\.(jar|war|ear)$/i;

function rowsOf(record: JarRecord, parent: string | null, rows: Jar[]): void {
  rows.push({ path: record.path, parent, groupId: record.groupId, artifactId: record.artifactId, version: record.version, sha1: record.sha1 });
  for (const nested of record.nested) rowsOf(nested, record.path, rows);
}

async function collectJars(view: SystemView, archives: readonly FileStat[], out: Collected<'jars'>): Promise<void> {
  for (const entry of archives) {
    if (entry.size > MAX_JAR_BYTES) {
      out.warn(`${entry.size} bytes: larger than ${MAX_JAR_BYTES}, not read`, entry.path);
      continue;
    }
    let inspection = inspections.get(view, entry);
    if (!inspection) {
      const bytes = await readBytesSafely(view, entry.path, out, MAX_JAR_BYTES);
      if (bytes === null) continue;
      inspection = inspectJar(bytes, entry.path);
      inspections.set(view, entry, inspection);
    }
    for (const warning of inspection.warnings) out.warn(warning.message, warning.path);
    if (inspection.jar) rowsOf(inspection.jar, null, out.items);
  }
}

const inspections = new InspectionCache<JarInspection>();

export const jarsCollector: Collector<'jars'> = {
  name: 'jars',
  kind: 'jars',
  version: 1,
  liveOnly: false,
  needs: { match: (path) => JAR_FILE.test(path) },
  async collect(view, context) {
    const out = new Collected(this);
    await collectJars(view, (await diskFindings(view, context.disk)).archives, out);
    return out.output();
  },
};
