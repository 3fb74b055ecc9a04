// Package URLs (https://github.com/package-url/purl-spec) for matched packages, so SARIF and
// CycloneDX consumers can name them: pkg:deb/debian/libssl3@3.0.11-1~deb12u1?distro=debian-12.
import type { MatchablePackage } from '../../model/advisory.js';
import { ecosystemBase } from './package-name.js';

const enc = (s: string) => encodeURIComponent(s);

export function purlOf(pkg: Pick<MatchablePackage, 'name' | 'version' | 'ecosystem'>, architecture?: string | null): string | null {
  const version = `@${enc(pkg.version)}`;
  const release = pkg.ecosystem.split(':')[1];
  const qualifiers = (q: Record<string, string | null | undefined>) => {
    const parts = Object.entries(q).filter(([, v]) => v).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${enc(v ?? '')}`);
    return parts.length > 0 ? `?${parts.join('&')}` : '';
  };
  switch (ecosystemBase(pkg.ecosystem)) {
    case 'Debian':
      return `pkg:deb/debian/${enc(pkg.name)}${version}${qualifiers({ arch: architecture, distro: release && `debian-${release}` })}`;
    case 'Ubuntu':
      return `pkg:deb/ubuntu/${enc(pkg.name)}${version}${qualifiers({ arch: architecture, distro: release && `ubuntu-${release}` })}`;
    case 'Alpine':
      return `pkg:apk/alpine/${enc(pkg.name)}${version}${qualifiers({ arch: architecture, distro: release?.replace(/^v/, '') })}`;
    case 'npm': {
      // A scoped name keeps its scope as the namespace: pkg:npm/%40babel/core@7.0.0.
      const [scope, name] = pkg.name.startsWith('@') ? pkg.name.split('/', 2) : [undefined, pkg.name];
      return `pkg:npm/${scope ? `${enc(scope)}/` : ''}${enc(name ?? pkg.name)}${version}`;
    }
    case 'PyPI':
      return `pkg:pypi/${enc(pkg.name.toLowerCase().replace(/[-_.]+/g, '-'))}${version}`;
    case 'Maven': {
      const [group, artifact] = pkg.name.split(':');
      return artifact ? `pkg:maven/${enc(group ?? '')}/${enc(artifact)}${version}` : null;
    }
    case 'Go':
      return `pkg:golang/${pkg.name.split('/').map(enc).join('/')}${version}`;
    case 'crates.io':
      return `pkg:cargo/${enc(pkg.name)}${version}`;
    case 'RubyGems':
      return `pkg:gem/${enc(pkg.name)}${version}`;
    case 'NuGet':
      return `pkg:nuget/${enc(pkg.name)}${version}`;
    default:
      return null;
  }
}
