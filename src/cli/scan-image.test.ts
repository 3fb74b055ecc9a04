import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EICAR, PLANTED_AWS_KEY, PLANTED_GITHUB_TOKEN, sampleImage } from '../../test/support/images.js';
import { registryAvailable, startRegistry, type TestRegistry } from '../../test/support/registry.js';
import { inCI, needService } from '../../test/support/services.js';
import { buildImage, pushImage, writeDockerArchive, writeOciArchive, writeOciLayout } from '../image/image-writer.js';
import { writeTar } from '../image/tar-writer.js';
import { withLimits } from '../image/limits.js';
import { RegistryClient } from '../image/registry-client.js';
import { runScanImage } from './scan-image.js';

const baseOptions = { scanners: 'secret,malware,history,inventory,vuln', format: 'json', exitCode: '0', timeout: '10', severity: 'critical,high,medium,low' };

let dir: string;
let registry: TestRegistry | undefined;
const image = sampleImage();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'palisade-scan-image-'));
  await writeDockerArchive(join(dir, 'docker.tar'), image, 'sample/app:1');
  await writeOciArchive(join(dir, 'oci.tar'), image);
  await writeOciLayout(join(dir, 'layout'), image);
  const check = registryAvailable();
  if (check.available) {
    registry = await startRegistry('basic');
    const client = new RegistryClient(registry.host, { insecure: true, limits: withLimits(), credentials: { username: registry.username, password: registry.password } });
    await pushImage(client, 'sample/app', '1', image);
  } else if (inCI) throw new Error(`CI=true and docker-registry not available: ${check.reason}`);
});

afterAll(async () => {
  await registry?.stop();
  await rm(dir, { recursive: true, force: true });
});

type Report = Record<string, unknown> & { image: Record<string, unknown> & { layers: Record<string, unknown>[] } };

async function jsonReport(reference: string | undefined, extra: Record<string, unknown>): Promise<Report> {
  const { output } = await runScanImage(reference, { ...baseOptions, ...extra });
  return JSON.parse(output) as Report;
}

/** What differs by source alone: its name, format, manifest digest, tags and stored layer digests. */
function sourceFree(report: Report): unknown {
  const { name: _name, format: _format, digest: _digest, repoTags: _tags, layers, ...image } = report.image;
  return { ...report, target: undefined, startedAt: undefined, finishedAt: undefined, image: { ...image, layers: layers.map(({ digest: _d, ...layer }) => layer) } };
}

describe('palisade scan image', () => {
  it('finds the planted secrets (also in a deleted file), EICAR and history issues, masked', async () => {
    const report = await jsonReport(undefined, { input: join(dir, 'docker.tar') });
    const secrets = report.secrets as { path: string; layer: string; match: string; ruleId: string }[];
    expect(secrets.map((secret) => secret.path)).toEqual(expect.arrayContaining(['/app/config.env', '/app/old.txt']));
    const deleted = secrets.find((secret) => secret.path === '/app/old.txt');
    expect(deleted?.layer).toBe(image.layers[0]?.diffId);
    const malware = report.malware as { path: string; sha256: string }[];
    expect(malware.map((hit) => hit.path)).toContain('/tmp/eicar.com');
    const history = report.history as { steps: unknown[]; findings: { check: string }[] };
    expect(history.steps).toHaveLength(5);
    expect(history.findings.map((finding) => finding.check)).toContain('secret-in-env');
    expect(report.image).toMatchObject({ user: 'app', cmd: ['/bin/sh'], exposedPorts: ['8080/tcp'], envNames: ['PATH', 'API_TOKEN'], labels: { team: 'palisade' } });
    const text = JSON.stringify(report);
    for (const clear of [PLANTED_AWS_KEY, PLANTED_GITHUB_TOKEN, 'hunter2', EICAR]) expect(text).not.toContain(clear);
  });

  it('gives the same report for the docker-archive, the OCI archive, the OCI layout and the registry', async () => {
    const docker = sourceFree(await jsonReport(undefined, { input: join(dir, 'docker.tar') }));
    expect(sourceFree(await jsonReport(undefined, { input: join(dir, 'oci.tar') }))).toEqual(docker);
    expect(sourceFree(await jsonReport(undefined, { input: join(dir, 'layout') }))).toEqual(docker);
    if (registry) {
      const pulled = await jsonReport(`${registry.host}/sample/app:1`, { insecure: true, username: registry.username, password: registry.password });
      expect(pulled.image.digest).toBe(image.manifestDigest);
      expect(sourceFree(pulled)).toEqual(docker);
    }
  });

  it('exits with --exit-code when findings of the chosen severities remain, and renders a table', async () => {
    const failing = await runScanImage(undefined, { ...baseOptions, input: join(dir, 'layout'), exitCode: '3', severity: 'critical,high' });
    expect(failing.exitCode).toBe(3);
    const table = await runScanImage(undefined, { ...baseOptions, input: join(dir, 'layout'), format: 'table', scanners: 'history' });
    expect(table.output).toMatch(/Build history\n\s+0\s+\d+ B {2}ADD file:abc in \//);
    expect(table.output).toContain('secret-in-env');
    const quiet = await runScanImage(undefined, { ...baseOptions, input: join(dir, 'layout'), exitCode: '3', scanners: 'inventory' });
    expect(quiet.exitCode).toBe(0);
  });

  it('scans an image built from the busybox-static binary without false positives', async () => {
    const busybox = '/bin/busybox';
    if (!needService('busybox-static', { available: existsSync(busybox), reason: `${busybox} missing (Debian package busybox-static)` })) return;
    const binary = await readFile(busybox);
    const built = buildImage({
      layers: [
        writeTar([
          { name: 'bin/', type: 'dir' },
          { name: 'bin/busybox', data: binary, mode: 0o755 },
          { name: 'bin/sh', type: 'symlink', linkName: 'busybox' },
          { name: 'etc/os-release', data: 'ID=busybox\nNAME=BusyBox\n' },
        ]),
      ],
      config: { User: '65534', Cmd: ['/bin/sh'] },
      history: [{ created_by: 'COPY busybox /bin/ # buildkit' }],
    });
    await writeOciLayout(join(dir, 'busybox'), built);
    const report = await jsonReport(undefined, { input: join(dir, 'busybox') });
    expect(report.malware).toEqual([]);
    expect(report.secrets).toEqual([]);
    expect((report.history as { findings: unknown[] }).findings).toEqual([]);
    expect(report.image.size).toBeGreaterThan(binary.length);
  });

  it('names what is wrong: missing input, unknown scanner, bad platform', async () => {
    await expect(runScanImage(undefined, { ...baseOptions, input: join(dir, 'missing.tar') })).rejects.toThrow(/missing\.tar: no such file or directory/);
    await expect(runScanImage(undefined, { ...baseOptions, input: join(dir, 'layout'), scanners: 'nope' })).rejects.toThrow(/unknown scanner "nope"/);
    await expect(runScanImage(undefined, { ...baseOptions, input: join(dir, 'layout'), platform: 'linux' })).rejects.toThrow(/"linux" is not os\/arch/);
  });
});
