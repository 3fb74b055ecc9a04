// CVSS v3.0 and v3.1 base score, as the FIRST specification defines it (v3.1 §7.1 base
// equations, Appendix A "Roundup"; v3.0 rounds up to one decimal without the float fix).
import { parseCvssMetrics } from './cvss-vector.js';

const AV: Record<string, number> = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC: Record<string, number> = { L: 0.77, H: 0.44 };
const UI: Record<string, number> = { N: 0.85, R: 0.62 };
const CIA: Record<string, number> = { H: 0.56, L: 0.22, N: 0 };
// Privileges Required weighs more when the scope changes (§7.4 Table 16).
const PR_UNCHANGED: Record<string, number> = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED: Record<string, number> = { N: 0.85, L: 0.68, H: 0.5 };

const ALLOWED = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};

/** v3.1 Appendix A: round up to one decimal, robust to binary floating point. */
function roundup31(x: number): number {
  const scaled = Math.round(x * 100000);
  return scaled % 10000 === 0 ? scaled / 100000 : (Math.floor(scaled / 10000) + 1) / 10;
}

const roundup30 = (x: number) => Math.ceil(x * 10) / 10;

export function cvss3BaseScore(vector: string): number {
  const m = parseCvssMetrics(vector, /^CVSS:3\.[01]$/, ALLOWED, Object.keys(ALLOWED));
  const roundup = vector.startsWith('CVSS:3.0') ? roundup30 : roundup31;
  const get = (table: Record<string, number>, key: string) => table[m.get(key) ?? ''] ?? 0;
  const changed = m.get('S') === 'C';
  const iss = 1 - (1 - get(CIA, 'C')) * (1 - get(CIA, 'I')) * (1 - get(CIA, 'A'));
  const impact = changed ? 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15 : 6.42 * iss;
  const exploitability = 8.22 * get(AV, 'AV') * get(AC, 'AC') * get(changed ? PR_CHANGED : PR_UNCHANGED, 'PR') * get(UI, 'UI');
  if (impact <= 0) return 0;
  return changed ? roundup(Math.min(1.08 * (impact + exploitability), 10)) : roundup(Math.min(impact + exploitability, 10));
}
