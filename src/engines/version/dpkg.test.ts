// Property test: our dpkg order agrees with `dpkg --compare-versions` on thousands of generated
// pairs, plus the error cases dpkg itself rejects.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { needService } from '../../../test/support/services.js';
import { dpkgScheme } from './dpkg.js';
import { VersionParseError } from './scheme.js';

const dpkg = spawnSync('dpkg', ['--version'], { encoding: 'utf8' });
const haveDpkg = dpkg.status === 0;

// A small deterministic generator (mulberry32) so a failure can be reproduced.
function random(seed: number): () => number {
  let t = seed;
  return () => {
    t = (t + 0x6d2b79f5) | 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed: number) {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)] as T;
  const part = (chars: string, n: number) => Array.from({ length: n }, () => pick([...chars])).join('');
  const upstream = () => {
    let s = String(Math.floor(rnd() * 12));
    const n = Math.floor(rnd() * 5);
    for (let i = 0; i < n; i++) s += pick(['.', '.', '+', '~', '']) + pick([String(Math.floor(rnd() * 20)), part('abz', 1 + Math.floor(rnd() * 3)), '0', '00']);
    return s;
  };
  const version = () => {
    let v = upstream();
    if (rnd() < 0.6) v += '-' + pick(['1', '2', '0', '1ubuntu1', '1+deb12u1', '1+b1', '3~bpo11+1', '10', part('1a~.+', 3)]).replace(/^[~.+]/, '1');
    if (rnd() < 0.15) v = `${Math.floor(rnd() * 3)}:${v}`;
    return v;
  };
  // Mutate a version slightly, so that many pairs differ only deep inside.
  const near = (v: string) => {
    const r = rnd();
    if (r < 0.25) return v + pick(['~', '+b1', '.0', '~rc1', 'a', '0', '-1']);
    if (r < 0.5) return v.replace(/\d+(?!.*\d)/, (d) => String(Number(d) + pick([-1, 0, 1, 10])).replace('-', ''));
    if (r < 0.6) return v;
    return version();
  };
  return () => {
    const a = version();
    return [a, near(a)] as const;
  };
}

/** Asks dpkg about a batch of pairs in one shell call (one dpkg run per pair and operator). */
function dpkgCompare(pairs: readonly (readonly [string, string])[]): number[] {
  const script = 'while read -r a b; do if dpkg --compare-versions "$a" lt "$b"; then echo -1; elif dpkg --compare-versions "$a" eq "$b"; then echo 0; else echo 1; fi; done';
  const out = spawnSync('sh', ['-c', script], { input: pairs.map(([a, b]) => `${a} ${b}`).join('\n') + '\n', encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`dpkg batch failed: ${out.stderr}`);
  return out.stdout.trim().split('\n').map(Number);
}

describe('dpkg order', () => {
  it('agrees with dpkg --compare-versions on 2,400 generated pairs', { timeout: 120_000 }, () => {
    if (!needService('dpkg', { available: haveDpkg, reason: 'dpkg is not installed' })) return;
    const next = generator(20261127);
    const disagreements: string[] = [];
    const outcomes = new Map<number, number>();
    for (let batch = 0; batch < 6; batch++) {
      const pairs = Array.from({ length: 400 }, next);
      const expected = dpkgCompare(pairs);
      for (const e of expected) outcomes.set(e, (outcomes.get(e) ?? 0) + 1);
      pairs.forEach(([a, b], i) => {
        const got = dpkgScheme.compare(a, b);
        if (got !== expected[i]) disagreements.push(`${a} vs ${b}: dpkg ${expected[i]}, ours ${got}`);
      });
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    // The generator must exercise all three answers, not only "different".
    for (const answer of [-1, 0, 1]) expect(outcomes.get(answer) ?? 0).toBeGreaterThan(100);
  });

  it('orders binNMU and backport versions like Debian does', () => {
    expect(dpkgScheme.compare('3.0.15-1~deb12u1', '3.0.15-1')).toBe(-1);
    expect(dpkgScheme.compare('1.2.13.dfsg-1+b1', '1.2.13.dfsg-1')).toBe(1);
    expect(dpkgScheme.compare('1:2.0', '3.0')).toBe(1);
    expect(dpkgScheme.compare('1.0', '1.0-0')).toBe(0);
  });

  it('refuses versions dpkg cannot parse, naming the version', () => {
    for (const bad of ['', 'a:1.0', '1.0-', '1.0 beta', '-1', '1.0_1', ':1.0']) {
      expect(() => dpkgScheme.validate(bad)).toThrow(VersionParseError);
    }
    expect(() => dpkgScheme.compare('1.0', 'x:1')).toThrow(/dpkg version "x:1": epoch is not a number/);
  });
});
