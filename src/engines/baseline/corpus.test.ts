// Every Linux SCA policy of the Wazuh ruleset (../shared/corpora/sca, 47 files) must load: one
// test per policy, checked against the number of checks SOURCES.tsv records for it. The one
// upstream defect (a PCRE2 group never closed in cis_nginx_1.yml check 23006) is rejected at
// check level with file, check id and reason, and the policy's other checks still load.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from './policy-loader.js';

const corpus = new URL('../../../../shared/corpora/sca/', import.meta.url);
const sources = readFileSync(new URL('SOURCES.tsv', corpus), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [file, upstream, checks] = line.split('\t');
    return { file: file as string, upstream: upstream as string, checks: Number(checks) };
  });

const KNOWN_UPSTREAM_DEFECTS: Readonly<Record<string, readonly { checkId: string; message: RegExp }[]>> = {
  'cis_nginx_1.yml': [{ checkId: '23006', message: /bad pcre2 regex 'Access:\\s\*\("': cannot compile: .*Unterminated group/ }],
};

function read(file: string): string {
  const bytes = readFileSync(new URL(file, corpus));
  return file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
}

describe('the Linux SCA corpus', () => {
  it('has the 47 policies the README lists', () => {
    expect(sources).toHaveLength(47);
  });

  it.each(sources)('$file loads', ({ file, checks }) => {
    const result = loadPolicy(read(file), file);
    expect(result.policy, JSON.stringify(result.errors.slice(0, 3))).toBeDefined();
    const name = file.replace(/^more\//, '').replace(/\.gz$/, '');
    const known = KNOWN_UPSTREAM_DEFECTS[name] ?? [];
    expect(result.errors.map((issue) => issue.checkId)).toEqual(known.map((defect) => defect.checkId));
    known.forEach((defect, index) => {
      expect(result.errors[index]?.message).toMatch(defect.message);
      expect(result.errors[index]?.file).toBe(file);
      expect(result.errors[index]?.line).toBeGreaterThan(0);
    });
    const policy = result.policy!;
    expect(policy.checks.length + policy.rejectedChecks.length).toBe(checks);
    expect(policy.rejectedChecks.map((check) => check.id)).toEqual(known.map((defect) => defect.checkId));
  });
});
