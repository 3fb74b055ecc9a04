// The OSV ecosystem of a distribution's packages, from os-release (ID, ID_LIKE, VERSION_ID,
// VERSION): "Debian:12", "Ubuntu:22.04:LTS", "Alpine:v3.19". Distribution advisories are per
// release, so a package is only matched against its own release's advisories.

export interface OsRelease {
  readonly id: string | null;
  readonly idLike?: readonly string[];
  readonly versionId: string | null;
  readonly version?: string | null;
}

export type DistroEcosystem = { readonly ecosystem: string } | { readonly ecosystem: null; readonly reason: string };

export function distroEcosystem(os: OsRelease): DistroEcosystem {
  const id = os.id?.toLowerCase() ?? '';
  const family = [id, ...(os.idLike ?? []).map((s) => s.toLowerCase())];
  const versionId = os.versionId?.trim() ?? '';
  const none = (reason: string): DistroEcosystem => ({ ecosystem: null, reason });
  if (id === 'ubuntu') {
    const m = /^(\d+\.\d+)/.exec(versionId);
    if (!m) return none(`Ubuntu without a VERSION_ID (${JSON.stringify(os.versionId)})`);
    // Ubuntu's OSV ecosystems mark long-term-support releases: "Ubuntu:22.04:LTS".
    return { ecosystem: /\bLTS\b/.test(os.version ?? '') ? `Ubuntu:${m[1]}:LTS` : `Ubuntu:${m[1]}` };
  }
  if (family.includes('debian') && id !== 'ubuntu' && !family.includes('ubuntu')) {
    const m = /^(\d+)/.exec(versionId);
    if (!m) return none(`Debian without a numbered VERSION_ID (testing/unstable have no advisories per release)`);
    return { ecosystem: `Debian:${m[1]}` };
  }
  if (id === 'alpine') {
    const m = /^(\d+)\.(\d+)/.exec(versionId);
    if (!m) return none(`Alpine VERSION_ID ${JSON.stringify(os.versionId)} is not a release (edge?)`);
    return { ecosystem: `Alpine:v${m[1]}.${m[2]}` };
  }
  const major = /^(\d+)/.exec(versionId)?.[1];
  if (id === 'rocky' && major) return { ecosystem: `Rocky Linux:${major}` };
  if (id === 'almalinux' && major) return { ecosystem: `AlmaLinux:${major}` };
  return none(`no OSV ecosystem known for distribution ${JSON.stringify(os.id)} ${JSON.stringify(os.versionId)}`);
}
