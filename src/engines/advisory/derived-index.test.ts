// No misses and no false positives on every Debian and Alpine record generated from the distro
// feeds: their INDEX.tsv (written by the corpus author from the feeds, independently of this code)
// lists each `package@ecosystem<fixed`. Just below the fixed version must match, at it must not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, loadCorpusRecords } from './testdata/corpus.js';
import { matchPackages } from './matcher.js';
import { MemoryAdvisorySource } from './memory-source.js';

const source = new MemoryAdvisorySource(loadCorpusRecords(['osv-derived/debian', 'osv-derived/alpine']));
const now = new Date('2026-11-27T00:00:00Z');

function rows(sub: string): { id: string; name: string; ecosystem: string; fixed: string }[] {
  const text = readFileSync(new URL('INDEX.tsv', corpusDir(sub)), 'utf8');
  return text.split('\n').slice(1).filter(Boolean).flatMap((line) => {
    const [file = '', , , entries = ''] = line.split('\t');
    return entries.split('; ').filter((e) => e.includes('<')).map((entry) => {
      const m = /^(.+)@(.+?)<(.+)$/.exec(entry);
      if (!m) throw new Error(`INDEX.tsv: cannot read ${entry}`);
      return { id: file.replace(/\.json$/, ''), name: m[1] ?? '', ecosystem: m[2] ?? '', fixed: m[3] ?? '' };
    });
  });
}

/** A version just below `fixed` in the distribution's order. */
function justBelow(ecosystem: string, fixed: string): string {
  if (ecosystem.startsWith('Debian')) return `${fixed}~`; // '~' sorts before the end of the string
  const m = /^(.*)-r(\d+)$/.exec(fixed);
  if (m && Number(m[2]) > 0) return `${m[1]}-r${Number(m[2]) - 1}`;
  // "-r0": a pre-release of the same version sorts before every revision of it.
  return `${m ? m[1] : fixed}_alpha`;
}

describe.each(['osv-derived/debian', 'osv-derived/alpine'])('%s INDEX.tsv', (sub) => {
  const entries = rows(sub);
  it('has entries', () => expect(entries.length).toBeGreaterThan(50));
  it('every advisory matches just below its fixed version, with that fixed version', () => {
    const misses: string[] = [];
    for (const e of entries) {
      const below = justBelow(e.ecosystem, e.fixed);
      const { vulnerabilities } = matchPackages([{ name: e.name, version: below, ecosystem: e.ecosystem }], source, { now });
      const hit = vulnerabilities.find((v) => v.id === e.id);
      // ALPINE-CVE-2019-5747 names two fixes for one branch: the lower one is reported first.
      if (!hit || (hit.fixedVersion !== e.fixed && e.id !== 'ALPINE-CVE-2019-5747')) misses.push(`${e.id} ${e.name}@${below} (fixed ${e.fixed}): ${hit ? hit.fixedVersion : 'no match'}`);
    }
    expect(misses).toEqual([]);
  });
  it('no advisory matches its own fixed version', () => {
    const falsePositives: string[] = [];
    for (const e of entries) {
      const { vulnerabilities } = matchPackages([{ name: e.name, version: e.fixed, ecosystem: e.ecosystem }], source, { now });
      // Only this advisory's own entry is in question; the same package may have later fixes.
      const others = entries.filter((o) => o.id === e.id && o.name === e.name && o.ecosystem === e.ecosystem);
      if (others.length === 1 && vulnerabilities.some((v) => v.id === e.id)) falsePositives.push(`${e.id} ${e.name}@${e.fixed}`);
    }
    expect(falsePositives).toEqual([]);
  });
});
