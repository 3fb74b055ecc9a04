// Permission errors become NotVisibleError in both views, so a report says "not visible" instead
// of an empty answer. Root reads everything, so under root the probe runs as user nobody.
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const probeScript = fileURLToPath(new URL('./testdata/probe-not-visible.ts', import.meta.url));

describe('views raise NotVisibleError on permission errors', () => {
  let fixture: string;

  beforeAll(async () => {
    fixture = await mkdtemp(join(tmpdir(), 'palisade-notvisible-'));
    await chmod(fixture, 0o755);
    await writeFile(join(fixture, 'shadow'), 'root:$6$hash:19000::::::\n', { mode: 0o600 });
    await writeFile(join(fixture, 'public'), 'hello\n', { mode: 0o644 });
    await mkdir(join(fixture, 'locked'), { mode: 0o700 });
    await writeFile(join(fixture, 'locked/inner'), 'x');
  });
  afterAll(async () => {
    await rm(fixture, { recursive: true, force: true });
  });

  it('for unreadable files and directories, while readable files still read', async () => {
    const argv = ['--import', 'tsx', probeScript, fixture];
    const asRoot = process.getuid?.() === 0;
    const { stdout } = asRoot
      ? await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...argv], { cwd: process.cwd() })
      : await run(process.execPath, argv, { cwd: process.cwd() });
    const result = JSON.parse(stdout) as Record<'dir' | 'host', Record<string, string>>;
    for (const view of ['dir', 'host'] as const) {
      expect(result[view], view).toEqual({
        readFile: 'NotVisibleError',
        readText: 'NotVisibleError',
        readDir: 'NotVisibleError',
        statInside: 'NotVisibleError',
        statLocked: 'value',
        readPublic: 'value',
        // A walk lists what it can: the locked directory itself, not its contents.
        walk: 'value',
        walked: '/locked,/public,/shadow',
      });
    }
  });
});
