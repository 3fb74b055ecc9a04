import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselineSection } from '../model/baseline.js';
import type { ScanWarning } from '../model/common.js';
import { makeRootfs } from '../engines/baseline/testdata/rootfs.js';
import { DirView } from '../view/dir-view.js';
import { HostView } from '../view/host-view.js';
import { baselineScanner } from './baseline-scanner.js';
import { scanners } from './index.js';
import type { ScanContext } from './scanner.js';

function contextWith(options: Record<string, unknown>, warnings: ScanWarning[] = []): ScanContext {
  return { now: () => new Date('2026-11-27T00:00:00Z'), options, warn: (warning) => warnings.push(warning) };
}

const good = `policy:\n  id: local_good\n  name: good\nchecks:\n  - id: 1\n    name: passwd exists\n    severity: high\n    condition: all\n    rules: ['f:/etc/passwd -> r:^root:']\n  - id: 2\n    name: kernel name\n    condition: all\n    rules: ['c:uname -s -> r:^Linux$']\n`;
const badRegex = `policy:\n  id: local_typo\n  name: typo\nchecks:\n  - id: 7\n    name: fine\n    condition: all\n    rules: ['f:/etc/passwd']\n  - id: 8\n    name: typo\n    condition: all\n    rules: ['f:/etc/passwd -> r:(root']\n`;

let root: string;
let policyDir: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const fixture = await makeRootfs({ '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', '/usr/bin/env': '' });
  root = fixture.root;
  cleanups.push(fixture.cleanup);
  policyDir = await mkdtemp(join(tmpdir(), 'palisade-policies-'));
  cleanups.push(() => rm(policyDir, { recursive: true, force: true }));
  await writeFile(join(policyDir, 'a_good.yml'), good);
  await writeFile(join(policyDir, 'b_broken.yml'), 'policy:\n  id: [unclosed\n');
  await writeFile(join(policyDir, 'c_typo.yml.gz'), gzipSync(badRegex));
  await writeFile(join(policyDir, 'notes.txt'), 'not a policy');
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('baseline scanner', () => {
  it('is registered as "baseline"', () => {
    expect(scanners.get('baseline')).toBe(baselineScanner);
  });

  it('runs the default policies over a root filesystem and fills the baseline section', async () => {
    const warnings: ScanWarning[] = [];
    const sections = await baselineScanner.scan(await DirView.open(root), contextWith({}, warnings));
    const rows = BaselineSection.parse(sections.baseline);
    expect(new Set(rows.map((row) => row.policyId))).toEqual(
      new Set(['palisade_audit_logging', 'palisade_docker_daemon', 'palisade_file_permissions', 'palisade_kernel_sysctl', 'palisade_kubelet', 'palisade_password_accounts', 'palisade_services', 'palisade_ssh_server']),
    );
    expect(warnings).toEqual([]);
    const emptyShadow = rows.find((row) => row.checkId === '90205');
    expect(emptyShadow).toMatchObject({ policyId: 'palisade_password_accounts', result: 'not_applicable', severity: 'critical', reason: expect.stringMatching(/\/etc\/shadow does not exist/) });
    for (const row of rows) expect(Object.keys(row)).toEqual(expect.arrayContaining(['policyId', 'checkId', 'title', 'result', 'reason', 'evidence', 'severity']));
  });

  it('reads policy files and directories (gzip too), warns about rejected ones and keeps going', async () => {
    const warnings: ScanWarning[] = [];
    const sections = await baselineScanner.scan(await DirView.open(root), contextWith({ policy: policyDir }, warnings));
    const rows = BaselineSection.parse(sections.baseline);
    expect(rows.map((row) => [row.policyId, row.checkId, row.result])).toEqual([
      ['local_good', '1', 'passed'],
      ['local_good', '2', 'not_applicable'],
      ['local_typo', '7', 'passed'],
      ['local_typo', '8', 'error'],
    ]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatchObject({ source: 'baseline', path: join(policyDir, 'b_broken.yml'), message: expect.stringMatching(/^policy rejected \(line \d+\): YAML error/) });
    expect(warnings[1]).toMatchObject({ path: join(policyDir, 'c_typo.yml.gz'), message: expect.stringMatching(/^check rejected \(line 9, check 8\): .*bad pcre2 regex '\(root'/) });
    expect(rows[3]?.reason).toMatch(/check rejected when the policy was loaded/);
  });

  it('runs command rules on the live host only for trusted policies', async () => {
    const host = new HostView();
    const untrusted = BaselineSection.parse((await baselineScanner.scan(host, contextWith({ policy: join(policyDir, 'a_good.yml') }))).baseline);
    expect(untrusted[1]).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/not trusted to run commands/) });
    const trusted = BaselineSection.parse((await baselineScanner.scan(host, contextWith({ policy: join(policyDir, 'a_good.yml'), trustedPolicies: ['local_good'] }))).baseline);
    expect(trusted[1]).toMatchObject({ result: 'passed', evidence: [expect.objectContaining({ text: 'Linux' })] });
  });

  it('renders a table, worst first, with a summary', async () => {
    const sections = await baselineScanner.scan(await DirView.open(root), contextWith({ policy: policyDir }));
    const table = baselineScanner.renderTable(sections);
    const lines = table.trimEnd().split('\n');
    expect(lines[0]).toBe('Baseline checks (4): 2 passed, 1 not applicable, 1 error');
    expect(lines[1]).toMatch(/^ {2}RESULT +SEVERITY +POLICY +CHECK +TITLE +REASON$/);
    expect(lines[2]).toMatch(/^ {2}error +medium +local_typo +8 +typo +check rejected/);
    expect(lines.at(-1)).toMatch(/passed/);
  });
});
