// Java web frameworks inside an application archive: a Spring Boot jar names its Spring Boot
// version in its manifest (Spring-Boot-Version), and fat jars and wars carry their frameworks
// as library jars (BOOT-INF/lib/spring-webmvc-6.1.6.jar, WEB-INF/lib/struts2-core-6.3.0.jar).
// Only the central directory and the manifest are read; nested jars are not inflated.
import { coordinatesFromFileName, parseManifest } from '../jar/manifest.js';
import { mayBeReadByInspector } from '../jar/jar-inspector.js';
import { readZipDirectory, readZipEntry } from '../jar/zip-reader.js';
import { JAVA_FRAMEWORKS } from './known-frameworks.js';

export interface FrameworkHit {
  readonly framework: string;
  readonly version: string | null;
  readonly evidence: string;
}

const LIBRARY = /^(?:BOOT-INF|WEB-INF)\/lib\/([^/]+\.jar)$/;

export function frameworksInArchive(bytes: Buffer): FrameworkHit[] {
  const hits: FrameworkHit[] = [];
  // The inspector's filter keeps what is read here too: the manifest and the library jars.
  const entries = readZipDirectory(bytes, mayBeReadByInspector).entries;
  const manifest = entries.find((entry) => entry.name === 'META-INF/MANIFEST.MF');
  const bootVersion = manifest ? parseManifest(readZipEntry(bytes, manifest, 1024 * 1024).toString('utf8')).get('Spring-Boot-Version') : undefined;
  if (bootVersion) hits.push({ framework: 'Spring Boot', version: bootVersion, evidence: `META-INF/MANIFEST.MF Spring-Boot-Version: ${bootVersion}` });
  for (const entry of entries) {
    const library = LIBRARY.exec(entry.name)?.[1];
    const coordinates = library ? coordinatesFromFileName(library) : null;
    const framework = coordinates?.artifactId ? JAVA_FRAMEWORKS.get(coordinates.artifactId) : undefined;
    if (!framework || hits.some((hit) => hit.framework === framework)) continue;
    hits.push({ framework, version: coordinates?.version ?? null, evidence: entry.name });
  }
  return hits;
}
