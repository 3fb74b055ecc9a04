// `jars`: every Java archive (.jar, .war, .ear) in the view with its Maven coordinates and SHA-1,
// and the jars inside it (Spring Boot BOOT-INF/lib, WEB-INF/lib, shaded artifacts), each as its
// own row whose `parent` names the archive holding it. Jars that are not zips, zip bombs and
// oversized archives become warnings; see jar/jar-inspector.ts for the caps. Which archives there
// are comes from the run's one walk of the disk (disk-walk/), which also says what it skips, and
// each is read once for the run (disk-walk/archive-reads.ts), shared with webFrameworks.
import type { Jar } from '../model/inventory.js';
import { Collected, type Collector } from './collector.js';
import { diskArchives } from './disk-walk/disk-walk.js';
import type { JarRecord } from './jar/jar-inspector.js';

const JAR_FILE = /\.(jar|war|ear)$/i;

function rowsOf(record: JarRecord, parent: string | null, rows: Jar[]): void {
  rows.push({ path: record.path, parent, groupId: record.groupId, artifactId: record.artifactId, version: record.version, sha1: record.sha1 });
  for (const nested of record.nested) rowsOf(nested, record.path, rows);
}

export const jarsCollector: Collector<'jars'> = {
  name: 'jars',
  kind: 'jars',
  version: 1,
  liveOnly: false,
  needs: { match: (path) => JAR_FILE.test(path) },
  async collect(view, context) {
    const out = new Collected(this);
    // In the walk's order, with their warnings, whatever order the reads finished in.
    for (const { read } of await diskArchives(view, context.disk)) {
      read.notes.replayInto(out);
      if (!read.inspection) continue;
      for (const warning of read.inspection.warnings) out.warn(warning.message, warning.path);
      if (read.inspection.jar) rowsOf(read.inspection.jar, null, out.items);
    }
    return out.output();
  },
};
