// Rule semantics on small policies written here: content operators, negation, conditions,
// process and command rules on the live host (trust, timeout, no shell), and the size caps.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirView } from '../../view/dir-view.js';
import { HostView } from '../../view/host-view.js';
import { splitCommandLine } from './command-line.js';
import { evaluatePolicy } from './evaluator.js';
import { loadPolicy, type Policy } from './policy-loader.js';
import { makeRootfs } from './testdata/rootfs.js';

function policyOf(checks: string): Policy {
  const result = loadPolicy(`policy:\n  id: unit\n  name: unit\nchecks:\n${checks}`, 'unit.yml');
  if (!result.policy) throw new Error(JSON.stringify(result.errors));
  return result.policy;
}

function check(id: number, condition: string, rules: readonly string[]): string {
  return `  - id: ${id}\n    name: "check ${id}"\n    condition: ${condition}\n    rules:\n${rules.map((rule) => `      - '${rule.replace(/'/g, "''")}'`).join('\n')}\n`;
}

let root: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ root, cleanup } = await makeRootfs({
    '/etc/ssh/sshd_config': '# comment\nPermitRootLogin no\nMaxAuthTries 4\nX11Forwarding yes\n',
    '/etc/ssh/sshd_config.d/50-cloud.conf': 'PasswordAuthentication yes\n',
    '/etc/big.conf': 'x'.repeat(5000),
    '/var/many/a/b/c.conf': 'deep=1\n',
  }));
});
afterAll(() => cleanup());

async function results(checks: string, options = {}) {
  const evaluation = await evaluatePolicy(policyOf(checks), await DirView.open(root), options);
  return Object.fromEntries(evaluation.results.map((result) => [result.checkId, result]));
}

describe('content rules', () => {
  it('applies regex, numeric, literal, negation and && on one line', async () => {
    const r = await results(
      check(1, 'all', ['f:/etc/ssh/sshd_config -> r:^PermitRootLogin\\s+no$']) +
        check(2, 'all', ['f:/etc/ssh/sshd_config -> n:^MaxAuthTries\\s+(\\d+) compare <= 4']) +
        check(3, 'all', ['f:/etc/ssh/sshd_config -> n:^MaxAuthTries\\s+(\\d+) compare < 4']) +
        check(4, 'all', ['f:/etc/ssh/sshd_config -> X11Forwarding yes']) +
        check(5, 'all', ['f:/etc/ssh/sshd_config -> !r:^X11Forwarding\\s+yes']) +
        check(6, 'all', ['f:/etc/ssh/sshd_config -> !r:^# && r:X11Forwarding && !r:no']) +
        check(7, 'none', ['f:/etc/ssh/sshd_config -> r:^PermitEmptyPasswords\\s+yes']) +
        check(8, 'any', ['not f:/etc/ssh/sshd_config -> r:^PermitRootLogin\\s+yes', 'f:/nonexistent -> r:x']) +
        check(9, 'all', ['d:/etc/ssh/sshd_config.d -> r:\\.conf$ -> r:^PasswordAuthentication\\s+no']) +
        check(10, 'all', ['f:/etc/ssh/sshd_config', 'd:/etc/ssh', 'not f:/etc/ssh']),
    );
    expect(Object.fromEntries(Object.entries(r).map(([id, result]) => [id, result.result]))).toEqual({
      '1': 'passed',
      '2': 'passed',
      '3': 'failed',
      '4': 'passed',
      '5': 'failed',
      '6': 'passed',
      '7': 'passed',
      '8': 'passed',
      '9': 'failed',
      '10': 'passed',
    });
    expect(r['5']?.evidence[0]).toMatchObject({ path: '/etc/ssh/sshd_config', line: 4, text: 'X11Forwarding yes', outcome: 'not_found' });
    expect(r['3']?.reason).toMatch(/no line matches 'n:\^MaxAuthTries/);
  });

  it('makes a content rule on a missing file not applicable, and an all-check fail first on a rule that does not hold', async () => {
    const r = await results(check(1, 'all', ['f:/etc/missing.conf -> r:x']) + check(2, 'all', ['f:/etc/missing.conf -> r:x', 'f:/etc/ssh/sshd_config -> r:^nothing']));
    expect(r['1']).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/\/etc\/missing\.conf does not exist/) });
    expect(r['2']).toMatchObject({ result: 'failed' });
  });

  it('does not read files past the size cap, nor directories past the entry cap', async () => {
    const r = await results(check(1, 'all', ['f:/etc/big.conf -> r:x']) + check(2, 'all', ['d:/var/many -> r:\\.conf$ -> r:deep']), { maxFileBytes: 1000, maxDirEntries: 2 });
    expect(r['1']).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/larger than 1000 bytes/) });
    expect(r['2']).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/more than 2 entries/) });
    const unbounded = await results(check(2, 'all', ['d:/var/many -> r:\\.conf$ -> r:deep']));
    expect(unbounded['2']).toMatchObject({ result: 'passed', evidence: [expect.objectContaining({ path: '/var/many/a/b/c.conf', line: 1 })] });
  });

  it('says process and command rules need a live system', async () => {
    const r = await results(check(1, 'all', ['p:sshd']) + check(2, 'all', ['c:uname -s -> r:Linux']), { trustCommands: true });
    expect(r['1']?.reason).toMatch(/process rules need a running system; this dir view has no processes/);
    expect(r['2']?.reason).toMatch(/command rules run only on a live host/);
  });
});

describe('engine faults', () => {
  it('are `error` results naming the rule, never a silent answer', async () => {
    const dir = await DirView.open(root);
    // A view that breaks its contract (throws instead of answering) stands for an engine or view bug.
    const broken = Object.assign(Object.create(dir) as DirView, {
      stat: () => {
        throw new TypeError('stat exploded');
      },
    });
    const evaluation = await evaluatePolicy(policyOf(check(1, 'all', ['f:/etc/ssh/sshd_config'])), broken);
    expect(evaluation.results[0]).toMatchObject({ result: 'error', reason: "rule 'f:/etc/ssh/sshd_config': evaluation failed: stat exploded" });
  });
});

describe('Wazuh 4 policies (OS_Regex)', () => {
  it('match as OS_Regex does: \\s is a space only, case is ignored, . is a literal dot', async () => {
    const text = `policy:\n  id: w4\n  name: w4\nchecks:\n${[
      [1, 'f:/etc/ssh/sshd_config -> r:^permitrootlogin\\s+no'],
      [2, 'f:/etc/ssh/sshd_config -> r:^MaxAuthTries\\s4'],
      [3, 'f:/etc/ssh/sshd_config -> r:^MaxAuthTries.4'],
      [4, 'f:/etc/ssh/sshd_config -> r:^MaxAuthTries\\.4'],
      [5, 'f:/etc/ssh/sshd_config -> x11forwarding yes'],
    ]
      .map(([id, rule]) => `  - id: ${id}\n    title: "t${id}"\n    condition: all\n    rules: ['${rule}']\n`)
      .join('')}`;
    const loaded = loadPolicy(text, 'w4.yml');
    expect(loaded.errors).toEqual([]);
    const evaluation = await evaluatePolicy(loaded.policy!, await DirView.open(root));
    expect(evaluation.results.map((result) => result.result)).toEqual(['passed', 'passed', 'failed', 'passed', 'passed']);
  });
});

describe('on the live host', () => {
  const host = new HostView();

  it('finds running processes through /proc', async () => {
    const evaluation = await evaluatePolicy(policyOf(check(1, 'all', ['p:node']) + check(2, 'none', ['p:no-such-process-palisade'])), host);
    expect(evaluation.results.map((result) => result.result)).toEqual(['passed', 'passed']);
    expect(evaluation.results[0]?.reason).toMatch(/process node is running \(pid \d+\)/);
  });

  it('runs commands only for a trusted policy, without a shell, with a timeout', async () => {
    const policy = policyOf(
      check(1, 'all', ['c:uname -s -> r:^Linux$']) +
        check(2, 'all', ["c:sh -c 'echo one; echo two' -> r:^two$"]) +
        check(3, 'all', ['c:uname -s | tr a-z A-Z -> r:LINUX']) +
        check(4, 'all', ['c:sleep 5']) +
        check(5, 'all', ['c:/nonexistent/palisade-command -> r:x']) +
        check(6, 'all', ['c:ls /nonexistent-palisade-dir -> r:No such file']),
    );
    const untrusted = await evaluatePolicy(policy, host);
    expect(untrusted.results[0]).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/policy unit is not trusted to run commands/) });
    expect(untrusted.commandsRun).toBe(0);

    const trusted = await evaluatePolicy(policy, host, { trustCommands: true, commandTimeoutMs: 300 });
    const byId = Object.fromEntries(trusted.results.map((result) => [result.checkId, result]));
    expect(byId['1']).toMatchObject({ result: 'passed', evidence: [expect.objectContaining({ line: 1, text: 'Linux' })] });
    expect(byId['2']).toMatchObject({ result: 'passed', reason: expect.stringMatching(/stdout line 2/) });
    expect(byId['3']).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/shell operator '\|' needs a shell/) });
    expect(byId['4']).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/killed after 300 ms/) });
    expect(byId['5']).toMatchObject({ result: 'not_applicable', reason: expect.stringMatching(/could not be run/) });
    expect(byId['6']).toMatchObject({ result: 'passed', reason: expect.stringMatching(/stderr line 1/) });
  });
});

describe('splitCommandLine', () => {
  it('splits like a shell and refuses what needs one', () => {
    expect(splitCommandLine(`stat -Lc "%n %a" /etc/shadow`)).toEqual({ argv: ['stat', '-Lc', '%n %a', '/etc/shadow'] });
    expect(splitCommandLine(`sh -c 'a | b; echo "$x"'`)).toEqual({ argv: ['sh', '-c', 'a | b; echo "$x"'] });
    expect(splitCommandLine('a\\ b "c\\"d"')).toEqual({ argv: ['a b', 'c"d'] });
    expect(splitCommandLine('echo $HOME')).toMatchObject({ error: expect.stringMatching(/needs a shell/) });
    expect(splitCommandLine('ls /etc/rc*.d')).toMatchObject({ error: expect.stringMatching(/glob/) });
    expect(splitCommandLine("echo 'open")).toMatchObject({ error: 'unterminated single quote' });
  });
});
