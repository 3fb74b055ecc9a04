import { describe, expect, it } from 'vitest';
import { loadPolicies, loadPolicy } from './policy-loader.js';

const header = `policy:\n  id: "t"\n  name: "test policy"\n  description: "d"\n`;

describe('loadPolicy', () => {
  it('rejects a YAML error with file and line', () => {
    const result = loadPolicy(`${header}checks:\n  - id: 1\n    title: "x\n    condition: all\n`, 'bad.yml');
    expect(result.policy).toBeUndefined();
    expect(result.errors[0]?.file).toBe('bad.yml');
    expect(result.errors[0]?.message).toMatch(/^YAML error/);
    expect(result.errors[0]?.line).toBeGreaterThan(0);
  });

  it('rejects an unknown rule kind and a bad regex naming the check, and keeps the other checks', () => {
    const text = `${header}checks:
  - id: 10
    title: "good"
    condition: all
    rules: ['f:/etc/passwd -> r:^root:']
  - id: 11
    title: "unknown kind"
    condition: all
    rules: ['x:/etc/passwd']
  - id: 12
    title: "bad regex"
    condition: any
    rules: ['f:/etc/passwd -> r:^(root']
  - id: 13
    title: "registry"
    condition: any
    rules: ['r:HKLM\\\\Software']
`;
    const result = loadPolicy(text, 'p.yml');
    expect(result.policy?.checks.map((check) => check.id)).toEqual(['10']);
    expect(result.errors.map((issue) => [issue.checkId, issue.line])).toEqual([
      ['11', 10],
      ['12', 14],
      ['13', 18],
    ]);
    expect(result.errors[0]?.message).toMatch(/unknown rule kind 'x:'/);
    expect(result.errors[1]?.message).toMatch(/bad osregex regex '\^\(root': unbalanced/);
    expect(result.errors[2]?.message).toMatch(/only on Windows/);
    expect(result.policy?.rejectedChecks.map((check) => check.id)).toEqual(['11', '12', '13']);
  });

  it('rejects a policy without id, checks or with a broken requirements section', () => {
    expect(loadPolicy('policy:\n  name: x\nchecks: []\n', 'a.yml').errors.map((issue) => issue.message)).toEqual([
      "field 'policy.id' is missing",
      "section 'checks' is missing or empty",
    ]);
    const broken = loadPolicy(`${header}requirements:\n  title: r\n  condition: maybe\n  rules: ['f:/etc/os-release']\nchecks:\n  - {id: 1, title: t, condition: all, rules: ['f:/x']}\n`, 'b.yml');
    expect(broken.policy).toBeUndefined();
    expect(broken.errors[0]).toMatchObject({ checkId: 'requirements', message: expect.stringMatching(/condition must be all, any or none/) });
  });

  it('expands variables, lists and reads both generations of the format', () => {
    const wazuh4 = loadPolicy(
      `${header}variables:\n  $sshd_file: /etc/ssh/sshd_config,/opt/ssh/sshd_config\nchecks:\n  - id: 1\n    title: t\n    compliance:\n      - cis: ["5.2.1"]\n      - pci_dss: ["2.2.4"]\n    condition: all\n    rules: ['f:$sshd_file -> r:^\\s*PermitRootLogin\\s+no']\n`,
      'w4.yml',
    );
    const check = wazuh4.policy?.checks[0];
    expect(check?.rules[0]?.targets).toEqual(['/etc/ssh/sshd_config', '/opt/ssh/sshd_config']);
    expect(check?.compliance).toEqual({ cis: ['5.2.1'], pci_dss: ['2.2.4'] });
    // Wazuh 4 (`title`) means OS_Regex: `\s` is a space only and matching ignores case.
    const minterm = check?.rules[0]?.content?.minterms[0];
    expect(minterm?.kind === 'regex' && minterm.regex.source).toBe('^ *PermitRootLogin +no');
    expect(minterm?.kind === 'regex' && minterm.regex.flags).toBe('i');
  });

  it('refuses an undefined variable and duplicate ids, and warns about oddities', () => {
    const result = loadPolicy(
      `${header}checks:\n  - {id: 1, name: a, condition: all, rules: ['f:$nope']}\n  - {id: 2, name: b, condition: all, rules: ['f:rpm -q gdm -> r:x']}\n  - {id: 2, name: c, condition: all, rules: ['f:/x']}\n`,
      'v.yml',
    );
    expect(result.errors.map((issue) => [issue.checkId, issue.message])).toEqual([
      ['1', "rule 'f:$nope' uses undefined variable $nope"],
      ['2', 'duplicate check id 2'],
    ]);
    expect(result.warnings[0]?.message).toMatch(/not an absolute path.*instead of c:/);
  });

  it('loadPolicies keeps going past a bad file and refuses a duplicate policy id', () => {
    const good = `${header}checks:\n  - {id: 1, name: a, condition: all, rules: ['f:/etc/passwd']}\n`;
    const results = loadPolicies([
      { file: 'one.yml', text: good },
      { file: 'broken.yml', text: 'policy: [' },
      { file: 'two.yml', text: good },
    ]);
    expect(results.map((result) => result.policy !== undefined)).toEqual([true, false, false]);
    expect(results[2]?.errors[0]?.message).toMatch(/already used by one.yml/);
  });
});
