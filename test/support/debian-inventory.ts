// What an agent reports for a Debian host, as its collectors write it: the os-release fact (which
// picks the Debian:N advisories) and dpkg package rows naming their source package; and a host
// enrolled through the agent API that reports them, as a real agent's first sync does.
import { ApiClient } from './test-server.js';

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

/** Enrolls Debian 12 host `web-1` (192.0.2.10) with `enrollToken` and reports its os-release and
 *  `packages` as a full package list; returns its host id. */
export async function reportDebianHost(url: string, enrollToken: string, packages: readonly ReturnType<typeof dpkgPackage>[]): Promise<string> {
  const enrolled = await new ApiClient(url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
    enrollToken,
    host: { machineId: 'machine-web-1', hostname: 'web-1', ips: ['192.0.2.10'], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
  });
  if (enrolled.status !== 201) throw new Error(`enrollment answered ${enrolled.status}`);
  const time = new Date().toISOString();
  const sent = await new ApiClient(url, enrolled.body.credential).post('/api/v1/agent/events', {
    spoolId: 'spool-web-1',
    events: [
      { seq: 1, time, type: 'inventory.host', data: debianHostFacts('12') },
      { seq: 2, time, type: 'inventory.delta', data: { kind: 'packages', full: true, upserted: packages, removed: [] } },
    ],
  });
  if (sent.status !== 200) throw new Error(`the inventory report answered ${sent.status}`);
  return enrolled.body.hostId;
}
