// Images the image tests build: the same layers written as every archive format and pushed to a
// registry, so each reader can be checked against the others. The layers exercise what merging
// must get right: whiteouts, an opaque directory, a symlink, a hard link, a long (pax) name and
// an empty layer.
import { execFileSync } from 'node:child_process';
import { buildImage, type BuiltImage, type LayerBlob } from '../../src/image/image-writer.js';
import { MediaTypes } from '../../src/image/oci-schemas.js';
import { writeTar } from '../../src/image/tar-writer.js';
import type { SystemView } from '../../src/view/system-view.js';

export const zstdLayer = (tar: Buffer): LayerBlob => ({
  blob: execFileSync('zstd', ['-q', '-c', '-3'], { input: tar }),
  mediaType: MediaTypes.ociLayerZstd,
});

export const plainLayer = (tar: Buffer): LayerBlob => ({ blob: tar, mediaType: MediaTypes.ociLayer });

/** Planted findings: a live-looking AWS key id, a GitHub token in a file a later layer deletes. */
export const PLANTED_AWS_KEY = 'AKIAQX4RZ7TN2WLM5KJD';
export const PLANTED_GITHUB_TOKEN = `ghp_${'R7vK2mQ9xL4pT8nW3zB6cY1dF5hJ0sG2aE4u'}`;
/** The EICAR test file, assembled at run time so this source file is not itself flagged. */
export const EICAR = ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*'].join('');

export const LONG_NAME = `/srv/${'deep/'.repeat(30)}file.txt`;

export function sampleLayers(): Buffer[] {
  const base = writeTar([
    { name: 'etc/', type: 'dir' },
    { name: 'etc/os-release', data: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n' },
    { name: 'etc/passwd', data: 'root:x:0:0:root:/root:/bin/sh\n' },
    { name: 'var/lib/dpkg/status', data: 'Package: busybox\nStatus: install ok installed\nVersion: 1:1.35.0-4\nArchitecture: amd64\n\n' },
    { name: 'bin/', type: 'dir' },
    { name: 'bin/busybox', data: 'ELF-ish busybox', mode: 0o755 },
    { name: 'bin/sh', type: 'symlink', linkName: 'busybox' },
    { name: 'app/', type: 'dir' },
    { name: 'app/config.env', data: `AWS_ACCESS_KEY_ID=${PLANTED_AWS_KEY}\n` },
    { name: 'app/old.txt', data: `token: ${PLANTED_GITHUB_TOKEN}\n` },
    { name: 'tmp/eicar.com', data: EICAR },
    { name: 'opt/cache/', type: 'dir' },
    { name: 'opt/cache/a', data: 'a' },
    { name: 'opt/cache/sub/b', data: 'b' },
  ]);
  const update = writeTar([
    { name: 'app/.wh.old.txt' },
    { name: 'opt/cache/', type: 'dir' },
    { name: 'opt/cache/.wh..wh..opq' },
    { name: 'opt/cache/fresh', data: 'new' },
    { name: 'app/linked.env', type: 'hardlink', linkName: 'app/config.env' },
    { name: LONG_NAME.slice(1), data: 'long name\n' },
    { name: 'etc/os-release', data: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nVARIANT=palisade\n' },
  ]);
  const empty = writeTar([]);
  return [base, update, empty];
}

export function sampleImage(compress?: (tar: Buffer) => LayerBlob): BuiltImage {
  return buildImage({
    layers: sampleLayers(),
    ...(compress ? { compress } : {}),
    config: { User: 'app', Env: ['PATH=/bin', 'API_TOKEN=hunter2'], Cmd: ['/bin/sh'], ExposedPorts: { '8080/tcp': {} }, Labels: { team: 'palisade' } },
    history: [
      { created_by: '/bin/sh -c #(nop) ADD file:abc in / ' },
      { created_by: '/bin/sh -c apt-get update && apt-get install -y curl' },
      { created_by: '/bin/sh -c #(nop)  USER app', empty_layer: true },
      { created_by: '/bin/sh -c #(nop)  CMD ["/bin/sh"]', empty_layer: true },
      { created_by: 'RUN true # buildkit', comment: 'buildkit.dockerfile.v0' },
    ],
  });
}

/** Everything a view shows, as text: paths, types, modes and the bytes of files it kept. */
export async function describeView(view: SystemView): Promise<string[]> {
  const lines: string[] = [];
  for await (const entry of view.walk('/')) {
    let detail = '';
    if (entry.type === 'symlink') detail = `-> ${await view.readLink(entry.path)}`;
    if (entry.type === 'file') {
      const data = await view.readFile(entry.path).catch(() => null);
      detail = data === null ? `(${entry.size} bytes, not kept)` : JSON.stringify(data.toString('utf8'));
    }
    lines.push(`${entry.type} ${entry.path} ${entry.mode.toString(8)} ${detail}`);
  }
  return lines;
}
