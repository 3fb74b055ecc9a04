// The corpus's CIS Debian 12 policy on this very host (a Debian 12 machine; on another system the
// policy does not apply and every check says so). Commands run, trusted, without a shell and with
// a timeout. Whatever the host's state, no check may end in `error` or without its explanation:
// a pass or a failure names the rule that decided it, and "not applicable" names one of the
// reasons below.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BaselineCheckResult } from '../../model/baseline.js';
import { BaselineSection } from '../../model/baseline.js';
import { HostView } from '../../view/host-view.js';
import { evaluatePolicy, type PolicyEvaluation } from './evaluator.js';
import { loadPolicy } from './policy-loader.js';

const policyFile = new URL('../../../../shared/corpora/sca/cis_debian12.yml', import.meta.url);

/** Every way a check may be unanswerable on a live host, as the evaluator words it. */
const NOT_APPLICABLE_REASONS: readonly RegExp[] = [
  /could not be run: .*ENOENT/, // the command is not installed here (sshd, auditctl, nft, ufw…)
  /does not exist/, // the file or directory a content rule reads is absent
  /not readable by this scanner/,
  /killed after \d+ ms/,
  /needs a shell/,
  /larger than \d+ bytes/,
  /more than \d+ entries/,
  /does not apply to this system|may not apply/, // the requirements (Debian 12) do not hold
];

let evaluation: PolicyEvaluation;
let results: BaselineCheckResult[];
const isDebian12 = (() => {
  try {
    return readFileSync('/etc/debian_version', 'utf8').startsWith('12.');
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  const loaded = loadPolicy(readFileSync(policyFile, 'utf8'), 'cis_debian12.yml');
  evaluation = await evaluatePolicy(loaded.policy!, new HostView(), { trustCommands: true });
  results = BaselineSection.parse(evaluation.results);
}, 120_000);

describe('cis_debian12.yml on this host', () => {
  it('applies exactly when the host is Debian 12', () => {
    expect(evaluation.applies).toBe(isDebian12);
    expect(results).toHaveLength(207);
  });

  it('never ends a check in error', () => {
    expect(results.filter((result) => result.result === 'error')).toEqual([]);
  });

  it('explains every pass and failure by the rule that decided it', () => {
    for (const result of results.filter((r) => r.result === 'passed' || r.result === 'failed')) {
      expect(result.reason, result.checkId).toMatch(/rule|hold/);
      expect(result.evidence.length, result.checkId).toBeGreaterThan(0);
      // The evidence names the rules of the check, each with what it saw.
      for (const item of result.evidence) expect(item.detail.length, result.checkId).toBeGreaterThan(0);
    }
  });

  it('gives every not-applicable check a known reason', () => {
    const unexplained = results.filter((r) => r.result === 'not_applicable' && !NOT_APPLICABLE_REASONS.some((pattern) => pattern.test(r.reason)));
    expect(unexplained.map((r) => [r.checkId, r.reason])).toEqual([]);
  });

  it('ran commands (the policy is trusted) and read the files behind its file checks', () => {
    if (!isDebian12) return;
    expect(evaluation.commandsRun).toBeGreaterThan(50);
    // 33214 "root is the only UID 0 account" reads /etc/passwd, which every Debian has.
    const passwd = results.find((r) => r.checkId === '33214');
    expect(passwd?.result).toBe('passed');
    expect(passwd?.evidence[0]).toMatchObject({ path: '/etc/passwd', line: 1, outcome: 'found' });
  });
});
