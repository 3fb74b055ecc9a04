// CVSS v4.0 base score (CVSS-B) as the FIRST specification v4.0 §8 computes it: the vector falls in
// a MacroVector (six equivalence classes EQ1–EQ6) whose score comes from the specification's
// lookup table; the score is then lowered by the vector's mean proportional distance from the
// highest-severity vectors of that MacroVector. Threat and environmental metrics are not used.
import { parseCvssMetrics } from './cvss-vector.js';

const ALLOWED = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: ['H', 'L', 'N'],
  VI: ['H', 'L', 'N'],
  VA: ['H', 'L', 'N'],
  SC: ['H', 'L', 'N'],
  SI: ['H', 'L', 'N'],
  SA: ['H', 'L', 'N'],
};

// MacroVector scores of the specification (FIRST CVSS v4.0, "cvss_lookup" table), in the order of
// the MacroVector digits EQ1 EQ2 EQ3 EQ4 EQ5 EQ6, EQ6 varying fastest; EQ3=2 exists only with EQ6=1.
const TABLE = `
10 9.9 9.8 9.5 9.5 9.2 10 9.6 9.3 8.7 9.1 8.1 9.3 9 8.9 8 8.1 6.8
9.8 9.5 9.5 9.2 9 8.4 9.3 9.2 8.9 8.1 8.1 6.5 8.8 8 7.8 7 6.9 4.8
9.2 8.2 7.2 7.9 6.9 5 6.9 5.5 2.7
9.9 9.7 9.5 9.2 9.2 8.5 9.5 9.1 9 8.3 8.4 7.1 9.2 8.1 8.2 7.1 7.2 5.3
9.5 9.3 9.2 8.5 8.5 7.3 9.2 8.2 8 7.2 7 5.9 8.4 7 7.1 5.2 5 3
8.6 7.5 5.2 7.1 5.2 2.9 6.3 2.9 1.7
9.8 9.5 9.4 8.7 9.1 8.1 9.4 8.9 8.6 7.4 7.7 6.4 8.7 7.5 7.4 6.3 6.3 4.9
9.4 8.9 8.8 7.7 7.6 6.7 8.6 7.6 7.4 5.8 5.9 5 7.2 5.7 5.7 5.2 5.2 2.5
8.3 7 5.4 6.5 5.8 2.6 5.3 2.1 1.3
9.5 9 8.8 7.6 7.6 7 9 7.7 7.5 6.2 6.1 5.3 7.7 6.6 6.8 5.9 5.2 3
8.9 7.8 7.6 6.7 6.2 5.8 7.4 5.9 5.7 5.7 4.7 2.3 6.1 5.2 5.7 2.9 2.4 1.6
7.1 5.9 3 5.8 2.6 1.5 2.3 1.3 0.6
9.3 8.7 8.6 7.2 7.5 5.8 8.6 7.4 7.4 6.1 5.6 3.4 7 5.4 5.2 4 4 2.2
8.5 7.5 7.4 5.5 6.2 5.1 7.2 5.7 5.5 4.1 4.6 1.9 5.3 3.6 3.4 1.9 1.9 0.8
6.4 5.1 2 4.7 2.1 1.1 2.4 0.9 0.4
8.8 7.5 7.3 5.3 6 5 7.3 5.5 5.9 4 4.1 2 5.4 4.3 4.5 2.2 2 1.1
7.5 5.5 5.8 4.5 4 2.1 6.1 5.1 4.8 1.8 2 0.9 4.6 1.8 1.7 0.7 0.8 0.2
5.3 2.4 1.4 2.4 1.2 0.5 1 0.3 0.1`;

export const MACRO_SCORES: ReadonlyMap<string, number> = (() => {
  const scores = TABLE.trim().split(/\s+/).map(Number);
  const map = new Map<string, number>();
  let i = 0;
  for (let eq1 = 0; eq1 <= 2; eq1++)
    for (let eq2 = 0; eq2 <= 1; eq2++)
      for (let eq3 = 0; eq3 <= 2; eq3++)
        for (let eq4 = 0; eq4 <= 2; eq4++)
          for (let eq5 = 0; eq5 <= 2; eq5++)
            for (let eq6 = 0; eq6 <= 1; eq6++) {
              if (eq3 === 2 && eq6 === 0) continue;
              map.set(`${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`, scores[i++] ?? NaN);
            }
  if (i !== scores.length) throw new Error(`CVSS v4 table has ${scores.length} scores, expected ${i}`);
  return map;
})();

// Severity levels of each metric value in tenths (0 = most severe), used for distances.
const LEVEL: Record<string, Record<string, number>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};

// The highest-severity vectors of each MacroVector class (specification §8.2).
const MAX_EQ1: Record<number, string[]> = { 0: ['AV:N/PR:N/UI:N'], 1: ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'], 2: ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P'] };
const MAX_EQ2: Record<number, string[]> = { 0: ['AC:L/AT:N'], 1: ['AC:H/AT:N', 'AC:L/AT:P'] };
const MAX_EQ3EQ6: Record<string, string[]> = {
  '00': ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'],
  '01': ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M'],
  '10': ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
  '11': ['VC:L/VI:H/VA:L/CR:H/IR:M/AR:H', 'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M', 'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M', 'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H', 'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M'],
  '21': ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H'],
};
const MAX_EQ4: Record<number, string[]> = { 0: ['SC:H/SI:S/SA:S'], 1: ['SC:H/SI:H/SA:H'], 2: ['SC:L/SI:L/SA:L'] };
// Depth of each class in tenths ("max severity distance"), specification §8.2.
const DEPTH_EQ1 = [1, 4, 5];
const DEPTH_EQ2 = [1, 2];
const DEPTH_EQ3EQ6: Record<string, number> = { '00': 7, '01': 6, '10': 8, '11': 8, '21': 10 };
const DEPTH_EQ4 = [6, 5, 4];

function macroVector(v: (k: string) => string): [number, number, number, number, number, number] {
  const [av, pr, ui, ac, at] = [v('AV'), v('PR'), v('UI'), v('AC'), v('AT')];
  const eq1 = av === 'N' && pr === 'N' && ui === 'N' ? 0 : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P' ? 1 : 2;
  const eq2 = ac === 'L' && at === 'N' ? 0 : 1;
  const [vc, vi, va] = [v('VC'), v('VI'), v('VA')];
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const eq4 = v('SI') === 'S' || v('SA') === 'S' ? 0 : v('SC') === 'H' || v('SI') === 'H' || v('SA') === 'H' ? 1 : 2;
  // Base scoring: E not defined counts as Attacked (EQ5 = 0); CR/IR/AR not defined count as High.
  const eq5 = 0;
  const eq6 = (vc === 'H') || (vi === 'H') || (va === 'H') ? 0 : 1;
  return [eq1, eq2, eq3, eq4, eq5, eq6];
}

function higher(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

export function cvss4BaseScore(vector: string): number {
  const m = parseCvssMetrics(vector, /^CVSS:4\.0$/, ALLOWED, Object.keys(ALLOWED));
  const value = (k: string) => (k === 'CR' || k === 'IR' || k === 'AR' ? 'H' : (m.get(k) ?? ''));
  if (['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((k) => value(k) === 'N')) return 0;
  const [eq1, eq2, eq3, eq4, eq5, eq6] = macroVector(value);
  const key = (a: number, b: number, c: number, d: number, e: number, f: number) => MACRO_SCORES.get(`${a}${b}${c}${d}${e}${f}`);
  const score = key(eq1, eq2, eq3, eq4, eq5, eq6);
  if (score === undefined) throw new Error(`no CVSS v4 MacroVector ${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`);

  // The next lower MacroVector of each class, when it exists (EQ3 and EQ6 move together).
  const lower36 =
    eq3 === 0 && eq6 === 0
      ? higher(key(eq1, eq2, eq3, eq4, eq5, 1), key(eq1, eq2, 1, eq4, eq5, eq6))
      : eq3 === 1 && eq6 === 0
        ? key(eq1, eq2, eq3, eq4, eq5, 1)
        : key(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
  const lowers = [key(eq1 + 1, eq2, eq3, eq4, eq5, eq6), key(eq1, eq2 + 1, eq3, eq4, eq5, eq6), lower36, key(eq1, eq2, eq3, eq4 + 1, eq5, eq6), key(eq1, eq2, eq3, eq4, eq5 + 1, eq6)];

  // Distance from the first highest-severity vector of the MacroVector that is not less severe.
  const eq36 = `${eq3}${eq6}`;
  let distances: Record<string, number> | undefined;
  search: for (const a of MAX_EQ1[eq1] ?? [])
    for (const b of MAX_EQ2[eq2] ?? [])
      for (const c of MAX_EQ3EQ6[eq36] ?? [])
        for (const d of MAX_EQ4[eq4] ?? []) {
          const max = new Map([a, b, c, d].join('/').split('/').map((p) => p.split(':') as [string, string]));
          const found: Record<string, number> = {};
          let ok = true;
          for (const [metric, levels] of Object.entries(LEVEL)) {
            const dist = (levels[value(metric)] ?? 0) - (levels[max.get(metric) ?? ''] ?? 0);
            if (dist < 0) ok = false;
            found[metric] = dist;
          }
          if (ok) {
            distances = found;
            break search;
          }
        }
  const d = (keys: string[]) => keys.reduce((sum, k) => sum + (distances?.[k] ?? 0), 0);
  const current = [d(['AV', 'PR', 'UI']), d(['AC', 'AT']), d(['VC', 'VI', 'VA', 'CR', 'IR', 'AR']), d(['SC', 'SI', 'SA']), 0];
  const depth = [DEPTH_EQ1[eq1] ?? 1, DEPTH_EQ2[eq2] ?? 1, DEPTH_EQ3EQ6[eq36] ?? 1, DEPTH_EQ4[eq4] ?? 1, 1];

  let total = 0;
  let existing = 0;
  lowers.forEach((lower, i) => {
    if (lower === undefined || Number.isNaN(lower)) return;
    existing++;
    total += (score - lower) * ((current[i] ?? 0) / (depth[i] ?? 1));
  });
  const result = Math.min(10, Math.max(0, score - (existing === 0 ? 0 : total / existing)));
  return Math.round(result * 10) / 10;
}
