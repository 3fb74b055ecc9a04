// What an agent reports for a Debian host, as its collectors write it: the os-release fact (which
// picks the Debian:N advisories) and dpkg package rows naming their source package.
const CODENAMES: Record<string, string> = { '11': 'bullseye', '12': 'bookworm' };

export function debianHostFacts(release: '11' | '12') {
  const version = `${release} (${CODENAMES[release]})`;
  return {
    hostname: null,
    os: { id: 'debian', idLike: [], name: 'Debian GNU/Linux', version, versionId: release, prettyName: `Debian GNU/Linux ${version}` },
    kernel: { release: '6.1.0-18-amd64', version: null },
    architecture: 'x86_64',
    addresses: [],
    machineId: null,
    cpuCount: 2,
    cpuModel: null,
    memoryBytes: 4e9,
    bootTime: null,
  };
}

export function dpkgPackage(name: string, version: string, sourceName: string, sourceVersion: string | null = null) {
  return { name, version, architecture: 'amd64', sourceName, sourceVersion, format: 'dpkg', database: '/var/lib/dpkg/status' };
}
