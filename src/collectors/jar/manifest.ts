// META-INF/MANIFEST.MF and Maven's pom.properties: the two places a jar says what it is.

/**
 * Main section of a manifest (JAR File Specification, "Manifest Specification"): "Name: value"
 * lines, a line starting with one space continues the previous one (lines wrap at 72 bytes),
 * and the main section ends at the first blank line.
 */
export function parseManifest(text: string): ReadonlyMap<string, string> {
  const attributes = new Map<string, string>();
  let last: string | null = null;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw === '') break;
    if (raw.startsWith(' ') && last !== null) {
      attributes.set(last, (attributes.get(last) ?? '') + raw.slice(1));
      continue;
    }
    const colon = raw.indexOf(':');
    if (colon <= 0) continue;
    last = raw.slice(0, colon).trim();
    attributes.set(last, raw.slice(colon + 1).trim());
  }
  return attributes;
}

/** pom.properties is a java.util.Properties file: "key=value" (or "key: value"), "#" comments. */
export function parseProperties(text: string): ReadonlyMap<string, string> {
  const properties = new Map<string, string>();
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const match = /^([^=:\s]+)\s*[=:\s]\s*(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) properties.set(match[1], match[2].trim());
  }
  return properties;
}

export interface ArtifactCoordinates {
  readonly groupId: string | null;
  readonly artifactId: string | null;
  readonly version: string | null;
}

export function coordinatesFromPom(properties: ReadonlyMap<string, string>): ArtifactCoordinates | null {
  const artifactId = properties.get('artifactId');
  if (!artifactId) return null;
  return { groupId: properties.get('groupId') || null, artifactId, version: properties.get('version') || null };
}

export function coordinatesFromManifest(attributes: ReadonlyMap<string, string>): ArtifactCoordinates {
  const pick = (...names: string[]): string | null => {
    for (const name of names) {
      const value = attributes.get(name);
      // OSGi headers carry parameters after ';' (Bundle-SymbolicName: org.foo;singleton:=true).
      if (value) return value.split(';')[0]?.trim() || null;
    }
    return null;
  };
  return {
    groupId: pick('Implementation-Vendor-Id'),
    artifactId: pick('Implementation-Title', 'Bundle-SymbolicName', 'Specification-Title', 'Automatic-Module-Name'),
    version: pick('Implementation-Version', 'Bundle-Version', 'Specification-Version'),
  };
}

/** "commons-io-2.11.0.jar" → commons-io 2.11.0: Maven's artifactId-version naming. */
export function coordinatesFromFileName(fileName: string): ArtifactCoordinates | null {
  const stem = fileName.replace(/\.[jwe]ar$/i, '');
  const match = /^(.+?)-(\d[\w.+-]*)$/.exec(stem);
  if (!match?.[1] || !match[2]) return null;
  return { groupId: null, artifactId: match[1], version: match[2] };
}
