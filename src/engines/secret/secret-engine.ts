// Finds secrets in one file's bytes with a compiled rule set. Cheap checks first: an allow-listed
// path or a binary file is skipped whole, then one keyword pass picks the few rules whose
// keywords occur, and only those run their regexes.
import type { SecretFinding } from '../../model/secret.js';
import { shannonEntropy } from './entropy.js';
import { KeywordFilter } from './keyword-filter.js';
import { maskLine, secretFingerprint } from './mask.js';
import type { CompiledAllowlist, CompiledSecretRule, SecretRuleSet } from './secret-rules.js';

export type SecretFileFinding = Omit<SecretFinding, 'layer'>;

export interface SecretScanResult {
  readonly findings: SecretFileFinding[];
  /** Why the file was not searched, when it was not. */
  readonly skipped?: 'allowlisted-path' | 'binary' | 'no-keyword';
}

export interface SecretEngineOptions {
  /** Search files that look binary (a NUL byte in the first 8000 bytes) too. */
  readonly scanBinary?: boolean;
}

const BINARY_SNIFF = 8000;

interface Candidate {
  readonly secret: string;
  readonly match: string;
  /** Offsets in the file text. */
  readonly secretStart: number;
  readonly matchStart: number;
}

function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  return regex.test(text);
}

/** Is the candidate allowed by this list? AND needs every given criterion, OR any one. */
function allowedBy(list: CompiledAllowlist, path: string, c: Candidate, line: () => string): boolean {
  const target = (): string => (list.regexTarget === 'line' ? line() : list.regexTarget === 'match' ? c.match : c.secret);
  const lower = c.secret.toLowerCase();
  const checks: (() => boolean)[] = [];
  if (list.paths.length > 0) checks.push(() => list.paths.some((p) => test(p, path)));
  if (list.regexes.length > 0) checks.push(() => list.regexes.some((r) => test(r, target())));
  if (list.stopwords.length > 0) checks.push(() => list.stopwords.some((w) => lower.includes(w)));
  if (list.condition === 'AND') return !list.hasCommits && checks.length > 0 && checks.every((check) => check());
  return checks.some((check) => check());
}

export class SecretEngine {
  private readonly keywords: KeywordFilter;
  /** For each keyword index, the rules listing it. */
  private readonly rulesByKeyword: CompiledSecretRule[][];
  private readonly alwaysRun: CompiledSecretRule[];

  constructor(readonly ruleSet: SecretRuleSet, private readonly options: SecretEngineOptions = {}) {
    const index = new Map<string, number>();
    this.rulesByKeyword = [];
    this.alwaysRun = [];
    for (const rule of ruleSet.rules) {
      if (rule.keywords.length === 0) this.alwaysRun.push(rule);
      for (const keyword of rule.keywords) {
        let i = index.get(keyword);
        if (i === undefined) {
          i = index.size;
          index.set(keyword, i);
          this.rulesByKeyword.push([]);
        }
        (this.rulesByKeyword[i] as CompiledSecretRule[]).push(rule);
      }
    }
    this.keywords = new KeywordFilter([...index.keys()]);
  }

  scan(path: string, bytes: Uint8Array): SecretScanResult {
    if (this.ruleSet.allowlists.some((list) => list.paths.length > 0 && list.condition === 'OR' && list.paths.some((p) => test(p, path)))) {
      return { findings: [], skipped: 'allowlisted-path' };
    }
    if (!this.options.scanBinary && looksBinary(bytes)) return { findings: [], skipped: 'binary' };
    const selected = new Set<CompiledSecretRule>(this.alwaysRun);
    for (const i of this.keywords.find(bytes)) for (const rule of this.rulesByKeyword[i] as CompiledSecretRule[]) selected.add(rule);
    if (selected.size === 0) return { findings: [], skipped: 'no-keyword' };

    // Latin-1 keeps one character per byte: offsets are byte offsets and no byte sequence fails.
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const lines = new LineIndex(text);
    const found: { rule: CompiledSecretRule; c: Candidate }[] = [];
    for (const rule of this.ruleSet.rules) {
      if (!selected.has(rule)) continue;
      if (rule.path && !test(rule.path, path)) continue;
      if (!rule.regex) {
        found.push({ rule, c: { secret: path, match: path, secretStart: -1, matchStart: -1 } });
        continue;
      }
      for (const c of this.candidates(rule, rule.regex, text)) {
        if (rule.entropy !== undefined && shannonEntropy(c.secret) <= rule.entropy) continue;
        // As gitleaks does: a generic rule's secret must contain a digit to count.
        if (rule.id.startsWith('generic') && !/[0-9]/.test(c.secret)) continue;
        const line = (): string => lines.lineAt(c.matchStart).text;
        const lists = [...rule.allowlists, ...this.ruleSet.allowlists];
        if (lists.some((list) => allowedBy(list, path, c, line))) continue;
        found.push({ rule, c });
      }
    }
    return { findings: this.report(path, found, lines) };
  }

  private *candidates(rule: CompiledSecretRule, regex: RegExp, text: string): Generator<Candidate> {
    regex.lastIndex = 0;
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0].length === 0) {
        regex.lastIndex++;
        continue;
      }
      let group = 0;
      if (rule.secretGroup > 0) group = rule.secretGroup;
      else for (let g = 1; g < m.length; g++) if (m[g]) { group = g; break; }
      const secret = m[group];
      const span = m.indices?.[group];
      if (!secret || !span) continue;
      yield { secret, match: m[0], secretStart: span[0], matchStart: m.index };
    }
  }

  private report(path: string, found: { rule: CompiledSecretRule; c: Candidate }[], lines: LineIndex): SecretFileFinding[] {
    // A generic rule's hit inside a specific rule's hit says nothing more: keep the specific one.
    const specific = found.filter((f) => !f.rule.id.startsWith('generic'));
    const overlaps = (a: Candidate, b: Candidate): boolean =>
      a.secretStart < b.secretStart + b.secret.length && b.secretStart < a.secretStart + a.secret.length;
    const kept = found.filter((f) => !f.rule.id.startsWith('generic') || !specific.some((s) => overlaps(s.c, f.c)));
    const seen = new Set<string>();
    const findings: SecretFileFinding[] = [];
    for (const { rule, c } of kept) {
      const key = `${rule.id}\0${c.secretStart}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const fingerprint = secretFingerprint(rule.id, c.secret);
      if (c.secretStart < 0) {
        findings.push({ ruleId: rule.id, title: rule.description, severity: rule.severity, path, line: 1, match: '(file name matches the rule)', fingerprint });
        continue;
      }
      const line = lines.lineAt(c.secretStart);
      const inLine = c.secretStart - line.start;
      const length = Math.min(c.secret.length, line.text.length - inLine);
      // The text is Latin-1 (one char per byte): turn each side back into UTF-8 for people.
      const utf8 = (latin1: string): string => Buffer.from(latin1, 'latin1').toString('utf8');
      const masked = maskLine(utf8(line.text.slice(0, inLine)), length, utf8(line.text.slice(inLine + length)));
      findings.push({
        ruleId: rule.id,
        title: rule.description,
        severity: rule.severity,
        path,
        line: line.number,
        match: masked,
        fingerprint,
      });
    }
    return findings.sort((a, b) => a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  }
}

/** Line numbers of offsets, computed once per file on first use. */
class LineIndex {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}

  lineAt(offset: number): { number: number; start: number; text: string } {
    if (!this.starts) {
      this.starts = [0];
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) this.starts.push(i + 1);
    }
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const start = this.starts[lo] as number;
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    if (end > start && this.text[end - 1] === '\r') end--;
    return { number: lo + 1, start, text: this.text.slice(start, end) };
  }
}
