// `palisade scan rootfs` and `palisade schema report` through the real binary: the JSON a
// machine reads validates against the JSON Schema the binary publishes.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackAlpineRootfs, type Rootfs } from '../collectors/rootfs-fixture.js';
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
