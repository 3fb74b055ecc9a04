// `palisade scan image` over a generated ~500 MB (uncompressed) OCI layout: many small files, a
// real dpkg database (this machine's), jars, and half-compressible binaries. The physical limit
// is measured in the same run: every layer decompressed to /dev/null with `gzip -dc`. Palisade
// runs in a child process (bench/image-scan-child.ts) so its peak RSS is its own.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createReadStream, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './bench.js';

const MB = 1024 * 1024;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return `sha256:${hash.digest('hex')}`;
}

function halfCompressible(size: number): Buffer {
  const text = Buffer.from('the quick brown fox jumps over the lazy dog 0123456789\n'.repeat(1200));
  const parts: Buffer[] = [];
  for (let filled = 0, index = 0; filled < size; index += 1) {
    const part = index % 2 === 0 ? randomBytes(Math.min(32 * 1024, size - filled)) : text.subarray(0, Math.min(32 * 1024, size - filled));
    parts.push(part);
    filled += part.length;
  }
  return Buffer.concat(parts);
}

export function buildLayers(root: string): string[] {
  const layers = ['base', 'docs', 'jars', 'data'].map((name) => join(root, 'trees', name));
  const [base, docs, jars, data] = layers as [string, string, string, string];
  mkdirSync(join(base, 'var/lib/dpkg'), { recursive: true });
  mkdirSync(join(base, 'etc'), { recursive: true });
  if (existsSync('/var/lib/dpkg/status')) copyFileSync('/var/lib/dpkg/status', join(base, 'var/lib/dpkg/status'));
  writeFileSync(join(base, 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\n');
  for (let lib = 0; lib < 400; lib += 1) {
    const dir = join(base, 'usr/lib/x86_64-linux-gnu');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `libbench${lib}.so`), halfCompressible(256 * 1024));
  }
  for (let pkg = 0; pkg < 20000; pkg += 1) {
    const dir = join(docs, `usr/share/doc/package-${pkg}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'copyright'), `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: package-${pkg}\n${'License text line.\n'.repeat(200)}`);
  }
  mkdirSync(join(jars, 'opt/app/lib'), { recursive: true });
  // Real jars when the machine has some (symlinked version aliases skipped), else one made here.
  const systemJars = existsSync('/usr/share/java')
    ? readdirSync('/usr/share/java').filter((name) => name.endsWith('.jar') && !lstatSync(join('/usr/share/java', name)).isSymbolicLink())
    : [];
  for (let copy = 0; copy < 10; copy += 1) {
    for (const jar of systemJars) copyFileSync(join('/usr/share/java', jar), join(jars, 'opt/app/lib', `${copy}-${jar}`));
  }
  if (systemJars.length === 0) {
    writeFileSync(join(jars, 'Main.class'), halfCompressible(4 * MB));
    execFileSync('zip', ['-q', join(jars, 'opt/app/lib/app.jar'), 'Main.class'], { cwd: jars });
    rmSync(join(jars, 'Main.class'));
  }
  mkdirSync(join(data, 'srv/data'), { recursive: true });
  for (let blob = 0; blob < 30; blob += 1) writeFileSync(join(data, `srv/data/blob-${blob}.bin`), halfCompressible(6 * MB));
  return layers;
}

export async function writeLayout(root: string, trees: string[]): Promise<{ layout: string; blobs: string[]; tarBytes: number; files: number }> {
  const layout = join(root, 'layout');
  const blobsDir = join(layout, 'blobs/sha256');
  mkdirSync(blobsDir, { recursive: true });
  const layers: { digest: string; diffId: string; size: number }[] = [];
  const blobs: string[] = [];
  let tarBytes = 0;
  let files = 0;
  for (const tree of trees) {
    const tar = join(root, 'layer.tar');
    execFileSync('tar', ['--owner=0', '--group=0', '-C', tree, '-cf', tar, '.']);
    files += Number(execFileSync('sh', ['-c', `tar -tf ${tar} | wc -l`]).toString().trim());
    tarBytes += statSync(tar).size;
    const diffId = await sha256File(tar);
    execFileSync('gzip', ['-f', tar]);
    const digest = await sha256File(`${tar}.gz`);
    const blob = join(blobsDir, digest.slice(7));
    execFileSync('mv', [`${tar}.gz`, blob]);
    blobs.push(blob);
    layers.push({ digest, diffId, size: statSync(blob).size });
  }
  const config = Buffer.from(
    JSON.stringify({
      architecture: 'amd64',
      os: 'linux',
      config: { User: 'app', Cmd: ['/bin/sh'] },
      rootfs: { type: 'layers', diff_ids: layers.map((layer) => layer.diffId) },
      history: layers.map((_layer, index) => ({ created_by: `/bin/sh -c layer ${index}` })),
    }),
  );
  const put = (data: Buffer) => {
    const digest = `sha256:${createHash('sha256').update(data).digest('hex')}`;
    writeFileSync(join(blobsDir, digest.slice(7)), data);
    return { digest, size: data.length };
  };
  const configBlob = put(config);
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...configBlob },
      layers: layers.map((layer) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layer.digest, size: layer.size })),
    }),
  );
  const manifestBlob = put(manifest);
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  writeFileSync(join(layout, 'index.json'), JSON.stringify({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', ...manifestBlob }] }));
  return { layout, blobs, tarBytes, files };
}

/** The second line of `times`: children's "0m1.23s 0m0.45s" user and system time. */
function cpuMsOfTimes(output: string): number {
  const line = output.trim().split('\n').pop() ?? '';
  return Math.round([...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce((total, match) => total + Number(match[1]) * 60_000 + Number(match[2]) * 1000, 0));
}

function ratio(value: unknown, base: number): number {
  return Number(((value as number) / base).toFixed(2));
}

function palisade(layout: string, scanners: string): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'image-scan-child.ts'), layout, scanners], { encoding: 'utf8', maxBuffer: 16 * MB });
  if (child.status !== 0) throw new Error(`image scan failed: ${child.stderr.slice(-2000)}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

export const imageScanBench: Bench = {
  name: 'image-scan',
  async run() {
    const root = mkdtempSync(join(tmpdir(), 'palisade-bench-image-'));
    try {
      const { layout, blobs, tarBytes, files } = await writeLayout(root, buildLayers(root));
      // `times` prints the children's user and system CPU: comparable with Palisade's own CPU
      // time on a machine other work shares, where wall time alone is noisy.
      // Warm the page cache first, so neither side pays for the disk (the blobs were just written).
      execFileSync('sh', ['-c', `cat ${blobs.join(' ')} > /dev/null`]);
      const physicalStarted = performance.now();
      const times = execFileSync('sh', ['-c', `for blob in ${blobs.join(' ')}; do gzip -dc "$blob" > /dev/null; done; times`]).toString();
      const physicalMs = Math.round(performance.now() - physicalStarted);
      const physicalCpuMs = cpuMsOfTimes(times);
      const viewOnly = palisade(layout, 'history,inventory');
      const full = palisade(layout, 'secret,malware,history,inventory');
      return {
        image: { uncompressedBytes: tarBytes, compressedBytes: blobs.reduce((total, blob) => total + statSync(blob).size, 0), entries: files, layers: blobs.length },
        physicalLimit: { tool: 'gzip -dc > /dev/null', wallMs: physicalMs, cpuMs: physicalCpuMs },
        palisadeViewOnly: { ...viewOnly, wallTimesPhysical: ratio(viewOnly.wallMs, physicalMs), cpuTimesPhysical: ratio(viewOnly.cpuMs, physicalCpuMs) },
        palisadeAllScanners: { ...full, wallTimesPhysical: ratio(full.wallMs, physicalMs), cpuTimesPhysical: ratio(full.cpuMs, physicalCpuMs) },
      };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  },
};
