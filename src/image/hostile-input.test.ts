// Hostile archives and registries: each must end in a clear ImageError, in bounded memory and time.
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plainLayer, sampleImage } from '../../test/support/images.js';
import { ImageView } from '../view/image-view.js';
import { ImageError } from './image-error.js';
import { buildImage, dockerArchiveTar, writeOciLayout, type LayerBlob } from './image-writer.js';
import { withLimits, type ImageLimits } from './limits.js';
import { MediaTypes } from './oci-schemas.js';
import { openImageInput } from './open-archive.js';
import { parseReference } from './reference.js';
import { openRegistryImage } from './registry-source.js';
import { writeTar, type TarInput } from './tar-writer.js';

let dir: string;
let counter = 0;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function layoutOf(layers: Buffer[], compress: (tar: Buffer) => LayerBlob = gzipLayerFor): Promise<string> {
  const path = join(dir, `layout-${counter++}`);
  await writeOciLayout(path, buildImage({ layers, compress }));
  return path;
}

function gzipLayerFor(tar: Buffer): LayerBlob {
  return { blob: gzipSync(tar), mediaType: MediaTypes.ociLayerGzip };
}

async function scan(path: string, limits: ImageLimits = withLimits()): Promise<ImageView> {
  return ImageView.build(await openImageInput(path, { limits }), { needs: [{ dirs: ['/'] }], limits });
}

async function scanError(path: string, limits?: ImageLimits): Promise<ImageError> {
  try {
    const view = await scan(path, limits);
    await view.close();
  } catch (error) {
    expect(error).toBeInstanceOf(ImageError);
    return error as ImageError;
  }
  throw new Error(`${path} was accepted`);
}

const layer = (...entries: TarInput[]) => writeTar(entries);

describe('hostile archives', () => {
  it('refuses path traversal and absolute paths in a layer, naming the entry', async () => {
    const traversal = await scanError(await layoutOf([layer({ name: 'usr/../../../etc/cron.d/evil', data: 'x' })]));
    expect(traversal.code).toBe('unsafe-path');
    expect(traversal.message).toMatch(/layer 1 \(sha256:[0-9a-f]{64}\).*"usr\/\.\.\/\.\.\/\.\.\/etc\/cron\.d\/evil" escapes the image root/);
    const absolute = await scanError(await layoutOf([layer({ name: '/etc/evil', data: 'x' })]));
    expect(absolute.message).toMatch(/"\/etc\/evil" has an absolute path/);
  });

  it('keeps symlinks inside the image: no write through a link, no read of the host', async () => {
    const view = await scan(
      await layoutOf([
        layer(
          { name: 'escape', type: 'symlink', linkName: '../../../../../../tmp' },
          { name: 'hostname', type: 'symlink', linkName: '/etc/hostname' },
          { name: 'up', type: 'symlink', linkName: '../../../../../../etc/hostname' },
          { name: 'loop-a', type: 'symlink', linkName: 'loop-b' },
          { name: 'loop-b', type: 'symlink', linkName: 'loop-a' },
        ),
        layer({ name: 'escape/planted', data: 'inside' }),
      ]),
    );
    try {
      expect(await view.readFile('/hostname')).toBeNull();
      expect(await view.readFile('/up')).toBeNull();
      expect((await view.lstat('/escape'))?.type).toBe('dir');
      expect(await view.readText('/escape/planted')).toBe('inside');
      await expect(view.stat('/loop-a')).rejects.toThrow(/too many levels of symbolic links/);
    } finally {
      await view.close();
    }
    await expect(readFile('/tmp/planted', 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('refuses a hard link that climbs out of the image', async () => {
    const error = await scanError(await layoutOf([layer({ name: 'passwd', type: 'hardlink', linkName: '../../../etc/passwd' })]));
    expect(error.code).toBe('unsafe-path');
    expect(error.message).toMatch(/hard link \/passwd.*escapes the image root/);
  });

  it('fails a layer whose bytes do not match its digest (OCI blob and docker-archive diff_id)', async () => {
    const image = sampleImage(plainLayer);
    const path = join(dir, 'tampered');
    await writeOciLayout(path, image);
    const target = image.layers[0] as { digest: string };
    const blob = join(path, 'blobs/sha256', target.digest.slice(7));
    const bytes = await readFile(blob);
    bytes[bytes.indexOf('AKIA')] = 'B'.charCodeAt(0);
    await writeFile(blob, bytes);
    const error = await scanError(path);
    expect(error.code).toBe('digest-mismatch');
    expect(error.message).toContain(`expected ${target.digest}`);

    const archive = dockerArchiveTar(image, 'x:1');
    archive[archive.indexOf('AKIA')] = 'B'.charCodeAt(0);
    await writeFile(join(dir, 'tampered.docker.tar'), archive);
    const docker = await scanError(join(dir, 'tampered.docker.tar'));
    expect(docker.code).toBe('digest-mismatch');
    expect(docker.message).toMatch(/diff_id/);
  });

  it('reports a truncated gzip layer and a truncated gzipped archive', async () => {
    const truncated = (tar: Buffer) => {
      const blob = gzipSync(tar);
      return { blob: blob.subarray(0, blob.length >> 1), mediaType: MediaTypes.ociLayerGzip };
    };
    const error = await scanError(await layoutOf(sampleImageLayers(), truncated));
    expect(error.code).toBe('bad-compression');
    expect(error.message).toMatch(/layer 1 .*gzip: unexpected end of file/);

    const archive = gzipSync(dockerArchiveTar(sampleImage(), 'x:1'));
    await writeFile(join(dir, 'cut.tar.gz'), archive.subarray(0, archive.length - 100));
    const outer = await scanError(join(dir, 'cut.tar.gz'));
    expect(outer.message).toMatch(/cut\.tar\.gz: gzip: unexpected end of file/);
  });

  it('stops a gzip decompression bomb by ratio and by size, and a zstd frame asking for a huge window', async () => {
    const zeros = layer({ name: 'zeros', data: Buffer.alloc(24 * 1024 * 1024) });
    const path = await layoutOf([zeros]);
    const byRatio = await scanError(path, withLimits({ ratioGraceBytes: 1024 * 1024, maxCompressionRatio: 100 }));
    expect(byRatio.code).toBe('too-large');
    expect(byRatio.message).toMatch(/decompression ratio above 100:1.*decompression bomb/);
    const bySize = await scanError(path, withLimits({ maxLayerBytes: 4 * 1024 * 1024 }));
    expect(bySize.message).toMatch(/decompresses to more than 4194304 bytes/);

    // zstd magic, frame descriptor without single-segment, window descriptor 2^30: a 1 GiB window.
    const hugeWindow = Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0x00, 20 << 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const zstd = await scanError(await layoutOf([zeros], () => ({ blob: hugeWindow, mediaType: MediaTypes.ociLayerZstd })));
    expect(zstd.code).toBe('bad-compression');
    expect(zstd.message).toMatch(/zstd frame asks for a 1073741824 byte window/);
  });

  it('refuses a 1 GB index.json without reading it', async () => {
    const path = await layoutOf([layer({ name: 'a', data: 'a' })]);
    await truncate(join(path, 'index.json'), 1024 ** 3);
    const error = await scanError(path);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/index\.json .*1073741824 bytes is over the 4194304 byte limit/);
  });

  it('refuses names longer than PATH_MAX and layers with too many entries', async () => {
    const long = await scanError(await layoutOf([layer({ name: `${'a'.repeat(5000)}`, data: 'x' })]));
    expect(long.message).toMatch(/name or link target over 4096 bytes/);
    const many = Array.from({ length: 50 }, (_, index) => ({ name: `f${index}`, data: '' }));
    const crowded = await scanError(await layoutOf([layer(...many)]), withLimits({ maxEntriesPerLayer: 20 }));
    expect(crowded.message).toMatch(/more than 20 tar entries \(limit\)/);
  });

  it('refuses a file that is not a tar archive', async () => {
    await writeFile(join(dir, 'junk.tar'), Buffer.alloc(2048, 0x41));
    const error = await scanError(join(dir, 'junk.tar'));
    expect(error.message).toMatch(/invalid tar header at byte 0/);
  });
});

function sampleImageLayers(): Buffer[] {
  return [layer({ name: 'etc/os-release', data: 'ID=debian\n'.repeat(200) })];
}

describe('hostile registries', () => {
  const servers: (Server | ReturnType<typeof createNetServer>)[] = [];
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<string> {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  const pull = (host: string, extra: { timeoutMs?: number; retries?: number } = {}) =>
    openRegistryImage(parseReference(`${host}/evil/app:1`), { insecure: true, limits: withLimits(), backoffMs: 10, retries: 0, ...extra });

  it('times out on a registry that accepts connections and never answers', async () => {
    const silent = createNetServer((socket) => sockets.push(socket));
    servers.push(silent);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    await expect(pull(host, { timeoutMs: 300, retries: 1 })).rejects.toThrow(/no answer within 0\.3 s/);
  });

  it('refuses a 1 GB manifest by its Content-Length and a streamed one by counting', async () => {
    const declared = await serve((request, response) => {
      if (request.url === '/v2/') return response.writeHead(200).end();
      response.writeHead(200, { 'content-type': MediaTypes.ociManifest, 'content-length': String(1024 ** 3) });
      response.write('{');
    });
    await expect(pull(declared)).rejects.toThrow(/manifest .*1073741824 bytes is over the 4194304 byte limit/);
    const streamed = await serve((request, response) => {
      if (request.url === '/v2/') return response.writeHead(200).end();
      response.writeHead(200, { 'content-type': MediaTypes.ociManifest });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 64 && response.write(chunk)) sent += 1;
        if (sent < 64) response.once('drain', pump);
        else response.end();
      };
      pump();
    });
    await expect(pull(streamed)).rejects.toThrow(/more than 4194304 bytes \(limit\)/);
  });

  it('retries 503 with backoff, then says how often it tried', async () => {
    let requests = 0;
    const busy = await serve((request, response) => {
      if (request.url === '/v2/') return response.writeHead(200).end();
      requests += 1;
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAVAILABLE","message":"busy"}]}');
    });
    await expect(pull(busy, { retries: 2 })).rejects.toThrow(/HTTP 503 after 3 attempts \(UNAVAILABLE: busy\)/);
    expect(requests).toBe(3);
  });

  it('waits out 429 Too Many Requests (Retry-After) and then reads the image', async () => {
    const image = buildImage({ layers: [layer({ name: 'etc/os-release', data: 'ID=debian\n' })] });
    let manifestRequests = 0;
    const host = await serve((request, response) => {
      const url = request.url ?? '';
      if (url === '/v2/') return response.writeHead(200).end();
      if (url.includes('/manifests/')) {
        manifestRequests += 1;
        if (manifestRequests === 1) return response.writeHead(429, { 'retry-after': '0' }).end();
        return response.writeHead(200, { 'content-type': MediaTypes.ociManifest }).end(image.manifest);
      }
      if (url.endsWith(image.configDigest)) return response.writeHead(200).end(image.config);
      return response.writeHead(200).end(image.layers[0]?.blob);
    });
    const source = await pull(host, { retries: 2 });
    const view = await ImageView.build(source, { needs: [{ paths: ['/etc/os-release'] }], limits: withLimits() });
    expect(await view.readText('/etc/os-release')).toBe('ID=debian\n');
    await view.close();
    expect(manifestRequests).toBe(2);
  });

  it('fails a blob whose bytes do not match the digest the manifest names', async () => {
    const image = buildImage({ layers: [layer({ name: 'a', data: 'a' })] });
    const host = await serve((request, response) => {
      const url = request.url ?? '';
      if (url === '/v2/') return response.writeHead(200).end();
      if (url.includes('/manifests/')) return response.writeHead(200, { 'content-type': MediaTypes.ociManifest }).end(image.manifest);
      if (url.endsWith(image.configDigest)) return response.writeHead(200).end(image.config);
      return response.writeHead(200).end(gzipSync(layer({ name: 'b', data: 'swapped' })));
    });
    const source = await pull(host);
    const error = await ImageView.build(source, { needs: [], limits: withLimits() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ImageError);
    expect((error as ImageError).message).toMatch(new RegExp(`blob: \\d+ bytes hash to sha256:[0-9a-f]+, expected ${(image.layers[0] as { digest: string }).digest}`));
  });
});
