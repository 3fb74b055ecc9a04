import { describe, expect, it } from 'vitest';
import { distroEcosystem } from './distro-ecosystem.js';

describe('OSV ecosystem from os-release', () => {
  it.each([
    [{ id: 'debian', versionId: '12', version: '12 (bookworm)' }, 'Debian:12'],
    [{ id: 'raspbian', idLike: ['debian'], versionId: '11' }, 'Debian:11'],
    [{ id: 'ubuntu', idLike: ['debian'], versionId: '22.04', version: '22.04.4 LTS (Jammy Jellyfish)' }, 'Ubuntu:22.04:LTS'],
    [{ id: 'ubuntu', idLike: ['debian'], versionId: '23.10', version: '23.10 (Mantic Minotaur)' }, 'Ubuntu:23.10'],
    [{ id: 'alpine', versionId: '3.19.1' }, 'Alpine:v3.19'],
    [{ id: 'rocky', idLike: ['rhel'], versionId: '9.3' }, 'Rocky Linux:9'],
  ])('%o → %s', (os, ecosystem) => expect(distroEcosystem(os)).toEqual({ ecosystem }));

  it('says why when there is none', () => {
    expect(distroEcosystem({ id: 'debian', versionId: null })).toMatchObject({ ecosystem: null, reason: expect.stringContaining('testing/unstable') });
    expect(distroEcosystem({ id: 'gentoo', versionId: '2.15' })).toMatchObject({ ecosystem: null });
  });
});
