// `palisade scan rootfs` and `palisade schema report` through the real binary: the JSON a
// machine reads validates against the JSON Schema the binary publishes.
import { execFile } from 'node:child_process';
import { chmod, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRootfs, unpackAlpineRootfs, type Rootfs } from '../collectors/rootfs-fixture.js';
import { Report } from '../model/report.js';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../../bin/palisade', import.meta.url));

async function palisade(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env: { ...process.env, PALISADE_FROM_SOURCE: '1' }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

describe('palisade scan rootfs without permission to read /etc/shadow', () => {
  it('reports the password states as notVisible and says why, rather than an empty answer', async () => {
    const rootfs = await buildRootfs({
      'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n',
      'etc/shadow': { content: 'root:!:19000:0:99999:7:::\nalice:$6$s$h:19000:0:99999:7:::\n', mode: 0o000 },
    });
    try {
      await chmod(rootfs.dir, 0o755);
      // Root reads everything, so the scan runs as user nobody; anyone else is denied by mode 000.
      const argv = [bin, 'scan', 'rootfs', rootfs.dir, '--format', 'json'];
      const asRoot = process.getuid?.() === 0;
      const env = { ...process.env, PALISADE_FROM_SOURCE: '1' };
      const { stdout } = asRoot
        ? await run('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, ...argv], { env, cwd: tmpdir() })
        : await run(process.execPath, argv, { env });
      const report = Report.parse(JSON.parse(stdout));
      expect(report.inventory?.accounts.map((a) => [a.name, a.passwordState])).toEqual([
        ['root', 'notVisible'],
        ['alice', 'notVisible'],
      ]);
      expect(report.inventory?.notVisible).toEqual([{ kind: 'accounts', path: '/etc/shadow', message: 'not visible to this scanner (permission denied)' }]);
    } finally {
      await rootfs.remove();
    }
  });
});

describe('palisade scan rootfs', () => {
  let alpine: Rootfs;
  beforeAll(async () => {
    alpine = await unpackAlpineRootfs();
  });
  afterAll(async () => {
    await alpine.remove();
  });

  it('writes JSON that validates against `palisade schema report`, and a table for people', async () => {
    const [json, schema, table] = await Promise.all([
      palisade('scan', 'rootfs', alpine.dir, '--format', 'json'),
      palisade('schema', 'report'),
      palisade('scan', 'rootfs', alpine.dir, '--output', join(alpine.dir, 'report.txt')),
    ]);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as Record<string, unknown>;
    const parsed = Report.parse(report);
    expect(parsed.target).toEqual({ kind: 'dir', name: alpine.dir });
    expect(parsed.inventory?.packages).toHaveLength(14);
    expect(Object.keys(parsed.inventory ?? {})).toEqual(expect.arrayContaining(['packages', 'accounts', 'ports', 'processes', 'cronJobs', 'kernelModules', 'webSites']));

    expect(schema.code).toBe(0);
    const document = JSON.parse(schema.stdout) as Record<string, unknown>;
    const validate = new Ajv2020.default({ strict: false, allErrors: true }).compile(document);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // The schema is strict enough to refuse a wrong report.
    expect(validate({ ...report, inventory: { packages: 'not a list' } })).toBe(false);

    expect(table.code).toBe(0);
    expect(table.stdout).toBe('');
    const text = await readFile(join(alpine.dir, 'report.txt'), 'utf8');
    expect(text).toContain(`Scan of dir ${alpine.dir}`);
    expect(text).toContain('Packages (14)');
  });

  it('explains bad arguments and a directory that does not exist, with exit code 2', async () => {
    const [format, scanner, missing] = await Promise.all([
      palisade('scan', 'rootfs', alpine.dir, '--format', 'xml'),
      palisade('scan', 'host', '--scanners', 'inventory,nope'),
      palisade('scan', 'rootfs', join(alpine.dir, 'no-such-dir')),
    ]);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/^palisade: --format: "xml" is not one of table, json\b/);
    expect(scanner.code).toBe(2);
    expect(scanner.stderr).toMatch(/unknown scanner "nope"; known: .*inventory/);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot open root filesystem .*no-such-dir/);
  });
});
