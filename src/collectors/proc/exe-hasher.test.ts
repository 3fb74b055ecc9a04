// The hasher streams executables through SystemView.readChunked (added for it): check that the
// chunks are the file, on both file-tree views, and that digests match an independent one.
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HostView } from '../../view/host-view.js';
import { buildRootfs } from '../rootfs-fixture.js';
import { ExeHasher } from './exe-hasher.js';

describe('streaming reads and executable digests', () => {
  it('readChunked yields a file whole, in chunks, and says false for what is not a regular file', async () => {
    const content = randomBytes(2_500_000); // several 1 MiB chunks (fs-view's STREAM_CHUNK) and a partial one
    const rootfs = await buildRootfs({ '/bin/tool': content, '/bin/link': { symlink: 'tool' }, '/etc/dir/x': 'x' });
    try {
      for (const [view, base] of [
        [rootfs.view, ''],
        [new HostView(), rootfs.dir],
      ] as const) {
        const chunks: Buffer[] = [];
        expect(await view.readChunked?.(`${base}/bin/link`, (chunk) => chunks.push(Buffer.from(chunk)))).toBe(true);
        expect(chunks.length).toBeGreaterThan(1);
        expect(Buffer.concat(chunks).equals(content)).toBe(true);
        expect(await view.readChunked?.(`${base}/bin/missing`, () => undefined)).toBe(false);
        expect(await view.readChunked?.(`${base}/etc/dir`, () => undefined)).toBe(false);
      }
    } finally {
      await rootfs.remove();
    }
  });

  it('digests a running executable through /proc/PID/exe and caches it', async () => {
    const hasher = new ExeHasher();
    const expected = createHash('sha256').update(readFileSync(process.execPath)).digest('hex');
    expect(await hasher.digest(new HostView(), process.pid, process.execPath)).toEqual({ sha256: expected });
    expect(await hasher.digest(new HostView(), process.pid, process.execPath)).toEqual({ sha256: expected });
    expect(await hasher.digest(new HostView(), 0x7ffffffe, '/nonexistent')).toEqual({ sha256: null, reason: 'gone' });
  });
});
