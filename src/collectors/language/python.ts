// Python distributions: the "Name" and "Version" headers of a dist-info METADATA or egg-info
// PKG-INFO file (core metadata, an RFC 822-style header block: packaging.python.org, "Core
// metadata specifications"). Only the header block is read; the description after it is not.

export interface PythonDistribution {
  readonly name: string;
  readonly version: string;
}

export function coreMetadata(text: string): PythonDistribution | null {
  const headerEnd = text.search(/\r?\n\r?\n/);
  const headers = headerEnd < 0 ? text : text.slice(0, headerEnd);
  const name = /^Name:[ \t]*(\S.*?)[ \t]*$/m.exec(headers)?.[1];
  const version = /^Version:[ \t]*(\S.*?)[ \t]*$/m.exec(headers)?.[1];
  return name && version ? { name, version } : null;
}

/** The metadata file of a distribution entry in site-packages, or null when the entry is not a distribution. */
export function metadataFileOf(path: string, type: 'dir' | 'file'): string | null {
  if (type === 'dir' && path.endsWith('.dist-info')) return `${path}/METADATA`;
  if (type === 'dir' && path.endsWith('.egg-info')) return `${path}/PKG-INFO`;
  if (type === 'file' && path.endsWith('.egg-info')) return path; // distutils wrote a single PKG-INFO file by that name
  return null;
}
