// What one jar is: its Maven coordinates (pom.properties first, then the manifest, then the file
// name), its SHA-1 (what Maven Central indexes), and the jars inside it, both embedded whole
// (Spring Boot's BOOT-INF/lib, a war's WEB-INF/lib) and shaded in (classes merged, each artifact
// leaving its pom.properties). A damaged or hostile jar yields warnings, never an exception, and
// nothing is inflated past the caps below.
import { createHash } from 'node:crypto';
import { coordinatesFromFileName, coordinatesFromManifest, coordinatesFromPom, parseManifest, parseProperties, type ArtifactCoordinates } from './manifest.js';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zip-reader.js';

export type CoordinatesSource = 'pom.properties' | 'manifest' | 'file name';

export interface JarRecord extends ArtifactCoordinates {
  /** Path in the view; a nested jar is "outer.jar!/BOOT-INF/lib/inner.jar". */
  readonly path: string;
  /** SHA-1 of the jar's bytes; null for a shaded artifact, which has no bytes of its own. */
  readonly sha1: string | null;
  readonly source: CoordinatesSource | null;
  readonly nested: readonly JarRecord[];
}

export interface JarWarning {
  readonly path: string;
  readonly message: string;
}

export interface JarLimits {
  /** Largest metadata file (manifest, pom.properties) read. */
  readonly maxMetadataBytes: number;
  /** Largest nested jar inflated into memory. */
  readonly maxNestedBytes: number;
  /** Jars inside jars inside jars…: deeper levels are not opened. */
  readonly maxDepth: number;
  /** Nested jars listed per jar at most. */
  readonly maxNestedJars: number;
  /**
   * Bytes inflated for one jar on the file system, nested jars and metadata included: many
   * entries each under their own cap must not add up to unbounded work.
   */
  readonly maxInflatedBytes: number;
}

export const DEFAULT_JAR_LIMITS: JarLimits = {
  maxMetadataBytes: 1024 * 1024,
  maxNestedBytes: 128 * 1024 * 1024,
  maxDepth: 3,
  maxNestedJars: 4096,
  maxInflatedBytes: 1024 * 1024 * 1024,
};

const NESTED_JAR = /\.(jar|war|ear)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;

/** The entries inspectJar may read: what a partial read of a jar must hold (jar/zip-parts.ts). */
export function readByInspector(name: string): boolean {
  return (NESTED_JAR.test(name) && !name.endsWith('/')) || POM_PROPERTIES.test(name) || name.toUpperCase() === 'META-INF/MANIFEST.MF';
}

const META_INF = Buffer.from('meta-inf/');
const ARCHIVE_SUFFIXES = ['.jar', '.war', '.ear'].map((suffix) => Buffer.from(suffix));

/** Whether buffer[start, start + lower.length) is `lower` in any letter case (ASCII). */
function hasAt(buffer: Buffer, start: number, lower: Buffer): boolean {
  for (let i = 0; i < lower.length; i++) if ((buffer[start + i]! | 0x20) !== lower[i]) return false;
  return true;
}

/**
 * A superset of readByInspector decided on a name's raw bytes (zip-reader.ts NameFilter): under
 * META-INF/, or ending in an archive suffix. Classes and resources, most of a jar's entries, are
 * passed over without a string made for their names.
 */
export function mayBeReadByInspector(buffer: Buffer, start: number, end: number): boolean {
  if (end - start >= META_INF.length && hasAt(buffer, start, META_INF)) return true;
  return end - start >= 4 && ARCHIVE_SUFFIXES.some((suffix) => hasAt(buffer, end - 4, suffix));
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

interface Inspection {
  readonly limits: JarLimits;
  readonly warnings: JarWarning[];
  /** What is left of limits.maxInflatedBytes; at zero nothing more is inflated. */
  budget: number;
  budgetWarned: boolean;
}

/** One entry's bytes within both its own cap and the jar's budget; null (with a warning) otherwise. */
function readEntry(bytes: Buffer, entry: ZipEntry, path: string, cap: number, inspection: Inspection): Buffer | null {
  if (inspection.budget <= 0) {
    if (!inspection.budgetWarned) inspection.warnings.push({ path, message: `more than ${inspection.limits.maxInflatedBytes} bytes to inflate: the rest of this jar is not read` });
    inspection.budgetWarned = true;
    return null;
  }
  try {
    const data = readZipEntry(bytes, entry, Math.min(cap, inspection.budget));
    inspection.budget -= entry.method === 0 ? 0 : data.length; // stored entries cost no inflating
    return data;
  } catch (error) {
    // A failed inflate did up to its cap's worth of work before giving up: that counts too.
    if (entry.method !== 0) inspection.budget -= Math.min(cap, inspection.budget);
    inspection.warnings.push({ path: `${path}!/${entry.name}`, message: (error as Error).message });
    return null;
  }
}

function readText(bytes: Buffer, entry: ZipEntry, path: string, inspection: Inspection): string | null {
  return readEntry(bytes, entry, path, inspection.limits.maxMetadataBytes, inspection)?.toString('utf8') ?? null;
}

function identify(bytes: Buffer, entries: readonly ZipEntry[], path: string, inspection: Inspection) {
  const fromName = coordinatesFromFileName(baseName(path));
  const poms: ArtifactCoordinates[] = [];
  const pomPaths: string[] = [];
  for (const entry of entries) {
    if (!POM_PROPERTIES.test(entry.name)) continue;
    const text = readText(bytes, entry, path, inspection);
    const coordinates = text === null ? null : coordinatesFromPom(parseProperties(text));
    if (coordinates) {
      poms.push(coordinates);
      pomPaths.push(entry.name);
    }
  }
  // With several pom.properties (a shaded jar) the jar is the one its file name names.
  const own = poms.length === 1 ? 0 : poms.findIndex((pom) => pom.artifactId === fromName?.artifactId);
  const shaded = poms.flatMap((pom, index) => (index === own ? [] : [{ ...pom, path: `${path}!/${pomPaths[index]}` }]));
  const ownPom = own >= 0 ? poms[own] : undefined;
  if (ownPom) return { coordinates: ownPom, source: 'pom.properties' as const, shaded };

  const manifestEntry = entries.find((entry) => entry.name.toUpperCase() === 'META-INF/MANIFEST.MF');
  const manifestText = manifestEntry ? readText(bytes, manifestEntry, path, inspection) : null;
  const manifest = manifestText === null ? null : coordinatesFromManifest(parseManifest(manifestText));
  if (manifest?.version) {
    // Manifest titles are often prose ("Apache Commons IO"); a Maven-style file name is a better artifactId.
    const artifactId = fromName?.artifactId ?? manifest.artifactId;
    return { coordinates: { ...manifest, artifactId }, source: 'manifest' as const, shaded };
  }
  if (fromName) return { coordinates: fromName, source: 'file name' as const, shaded };
  return { coordinates: { groupId: null, artifactId: null, version: null }, source: null, shaded };
}

function inspectBytes(bytes: Buffer, path: string, depth: number, inspection: Inspection, knownSha1?: string): JarRecord | null {
  let entries: readonly ZipEntry[];
  try {
    entries = readZipDirectory(bytes, mayBeReadByInspector).entries;
  } catch (error) {
    inspection.warnings.push({ path, message: `not a readable jar: ${(error as Error).message}` });
    return null;
  }
  const sha1 = knownSha1 ?? createHash('sha1').update(bytes).digest('hex');
  const { coordinates, source, shaded } = identify(bytes, entries, path, inspection);
  const nested: JarRecord[] = shaded.map((artifact) => ({ ...artifact, sha1: null, source: 'pom.properties', nested: [] }));
  const inner = entries.filter((entry) => NESTED_JAR.test(entry.name) && !entry.name.endsWith('/'));
  if (inner.length > 0 && depth >= inspection.limits.maxDepth) {
    inspection.warnings.push({ path, message: `${inner.length} nested jars not opened: deeper than ${inspection.limits.maxDepth} levels` });
  } else {
    if (inner.length > inspection.limits.maxNestedJars) {
      inspection.warnings.push({ path, message: `${inner.length} nested jars, only the first ${inspection.limits.maxNestedJars} listed` });
    }
    for (const entry of inner.slice(0, inspection.limits.maxNestedJars)) {
      const innerPath = `${path}!/${entry.name}`;
      const innerBytes = readEntry(bytes, entry, path, inspection.limits.maxNestedBytes, inspection);
      if (innerBytes === null) continue;
      const record = inspectBytes(innerBytes, innerPath, depth + 1, inspection);
      if (record) nested.push(record);
    }
  }
  return { path, ...coordinates, sha1, source, nested };
}

export interface JarInspection {
  readonly jar: JarRecord | null;
  readonly warnings: readonly JarWarning[];
}

/**
 * Inspects the bytes of the jar at `path`; `jar` is null when it is not a zip at all. `sha1` is the
 * file's SHA-1 when the caller hashed it while streaming, and `bytes` then only needs to hold the
 * directory and the entries read here (jar/zip-parts.ts).
 */
export function inspectJar(bytes: Buffer, path: string, limits: JarLimits = DEFAULT_JAR_LIMITS, sha1?: string): JarInspection {
  const inspection: Inspection = { limits, warnings: [], budget: limits.maxInflatedBytes, budgetWarned: false };
  try {
    return { jar: inspectBytes(bytes, path, 0, inspection, sha1), warnings: inspection.warnings };
  } catch (error) {
    // The zip reader checks its offsets, but a reader bug must cost one jar, not the scan.
    inspection.warnings.push({ path, message: `jar could not be read: ${(error as Error).message}` });
    return { jar: null, warnings: inspection.warnings };
  }
}
