// One SCA rule string → a typed rule. The grammar (Wazuh's "Creating custom SCA policies"):
//
//   rule     := ["not "] kind ":" target [" -> " [names " -> "] content]
//   kind     := "f" file | "d" directory | "p" process | "c" command   ("r" registry: Windows only)
//   content  := minterm (" && " minterm)*     -- all minterms are tested on the same line
//   minterm  := ["!"] ( "r:" regex | "n:" regex " compare " op number | literal line )
//             | ["!"] ( "mode:" octal | "uid:" number | "gid:" number )   -- Palisade extension
//
// The `mode:`/`uid:`/`gid:` minterms are Palisade's own: they test a file's metadata instead of
// its lines (`mode:0640` holds when the permission bits are within 0640), so Palisade's default
// policies can check sensitive file permissions without running `stat`. A pattern is either all
// metadata minterms or all line minterms. Wazuh would read them as literal lines that never match.
//
// For `d:` the part after the first arrow picks file names (an `r:` regex, else an OS_Match
// test) and an optional second arrow gives the content to look for in those files. Targets of
// `f:`/`d:` may list several paths separated by commas (policy variables often expand to lists).
import { compileOsMatch, type NameMatcher } from './os-match.js';
import { compileRegex, type RegexDialect } from './regex.js';

export type RuleKind = 'file' | 'directory' | 'process' | 'command';
export type CompareOp = '<' | '<=' | '==' | '!=' | '>=' | '>';

export type Minterm =
  | { readonly kind: 'regex'; readonly negated: boolean; readonly text: string; readonly regex: RegExp }
  | { readonly kind: 'numeric'; readonly negated: boolean; readonly text: string; readonly regex: RegExp; readonly op: CompareOp; readonly value: number }
  | { readonly kind: 'literal'; readonly negated: boolean; readonly text: string; readonly caseInsensitive: boolean };

export type MetadataMinterm =
  | { readonly kind: 'mode'; readonly negated: boolean; readonly text: string; readonly mask: number }
  | { readonly kind: 'uid' | 'gid'; readonly negated: boolean; readonly text: string; readonly id: number };

export type ContentPattern =
  | { readonly text: string; readonly metadata: false; readonly minterms: readonly Minterm[] }
  | { readonly text: string; readonly metadata: true; readonly minterms: readonly MetadataMinterm[] };

export interface ParsedRule {
  readonly source: string;
  /** The rule's own `not`: found and not-found swap after evaluation. */
  readonly negated: boolean;
  readonly kind: RuleKind;
  /** Paths (f:, d:), a process name (p:) or a command line (c:), variables expanded. */
  readonly targets: readonly string[];
  /** d: only — which entries of the directory to look at. */
  readonly names?: { readonly text: string; readonly test: NameMatcher };
  readonly content?: ContentPattern;
}

export type ParseOutcome = { readonly rule: ParsedRule; readonly warnings: readonly string[] } | { readonly error: string };

const KINDS: Readonly<Record<string, RuleKind>> = { f: 'file', d: 'directory', p: 'process', c: 'command' };
const ARROW = ' -> ';
const OPS: readonly CompareOp[] = ['<=', '>=', '==', '!=', '<', '>'];

/** Replaces `$name` variables, longest names first so `$a_b` is not eaten by `$a`. */
export function expandVariables(text: string, variables: ReadonlyMap<string, string>): string {
  if (!text.includes('$') || variables.size === 0) return text;
  const names = [...variables.keys()].sort((a, b) => b.length - a.length);
  let out = text;
  for (const name of names) if (out.includes(name)) out = out.split(name).join(variables.get(name) as string);
  return out;
}

const METADATA = /^(mode|uid|gid):(.*)$/;

function parseMetadata(text: string, negated: boolean): MetadataMinterm | { error: string } {
  const [, kind, value = ''] = METADATA.exec(text) as RegExpExecArray;
  if (kind === 'mode') {
    if (!/^0?[0-7]{3,4}$/.test(value)) return { error: `'${text}': mode must be octal, like mode:0640` };
    return { kind: 'mode', negated, text, mask: Number.parseInt(value, 8) };
  }
  if (!/^\d+$/.test(value)) return { error: `'${text}': ${kind} must be a number` };
  return { kind: kind as 'uid' | 'gid', negated, text, id: Number(value) };
}

function parseMinterm(raw: string, dialect: RegexDialect, warnings: string[]): Minterm | MetadataMinterm | { error: string } {
  // Leading spaces would turn `r:…` into a literal line; trailing ones are part of the regex, as in Wazuh.
  let text = raw.trimStart();
  if (text !== raw) warnings.push(`content '${raw}' starts with spaces; read as '${text}'`);
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  if (METADATA.test(text)) return parseMetadata(text, negated);
  if (text.startsWith('r:')) {
    const compiled = compileRegex(text.slice(2), dialect);
    if ('error' in compiled) return { error: `bad ${dialect} regex '${text.slice(2)}': ${compiled.error}` };
    return { kind: 'regex', negated, text, regex: compiled.regex };
  }
  if (text.startsWith('n:')) {
    const body = text.slice(2);
    const at = body.lastIndexOf(' compare ');
    if (at === -1) return { error: `numeric content '${text}' lacks 'compare OP VALUE'` };
    const comparison = body.slice(at + ' compare '.length).trim();
    const op = OPS.find((candidate) => comparison.startsWith(candidate));
    const valueText = op ? comparison.slice(op.length).trim() : '';
    if (!op || !/^-?\d+$/.test(valueText)) return { error: `numeric content '${text}': comparison '${comparison}' is not 'OP INTEGER' (OP one of ${OPS.join(' ')})` };
    const compiled = compileRegex(body.slice(0, at), dialect);
    if ('error' in compiled) return { error: `bad ${dialect} regex '${body.slice(0, at)}': ${compiled.error}` };
    if (!/\((?!\?)/.test(compiled.source)) warnings.push(`numeric content '${text}' has no capture group; the whole match is compared`);
    return { kind: 'numeric', negated, text, regex: compiled.regex, op, value: Number.parseInt(valueText, 10) };
  }
  if (text.startsWith('->') || /^\s*[rn]:/.test(text)) warnings.push(`content '${text}' looks malformed; it is compared as a literal line and will hardly ever match`);
  // OS_Regex-era engines compared literal lines ignoring case (strcasecmp); Wazuh 5 compares exactly.
  return { kind: 'literal', negated, text, caseInsensitive: dialect === 'osregex' };
}

function isMetadata(minterm: Minterm | MetadataMinterm): minterm is MetadataMinterm {
  return minterm.kind === 'mode' || minterm.kind === 'uid' || minterm.kind === 'gid';
}

export function parseContent(text: string, dialect: RegexDialect, warnings: string[]): ContentPattern | { error: string } {
  const lines: Minterm[] = [];
  const metadata: MetadataMinterm[] = [];
  for (const raw of text.split(' && ')) {
    const minterm = parseMinterm(raw, dialect, warnings);
    if ('error' in minterm) return minterm;
    if (isMetadata(minterm)) metadata.push(minterm);
    else lines.push(minterm);
  }
  if (metadata.length > 0 && lines.length > 0) return { error: `'${text}' mixes file metadata (mode:, uid:, gid:) with line matching` };
  return metadata.length > 0 ? { text, metadata: true, minterms: metadata } : { text, metadata: false, minterms: lines };
}

function splitTargets(target: string): string[] {
  return target
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

export function parseRule(source: string, variables: ReadonlyMap<string, string>, dialect: RegexDialect): ParseOutcome {
  const warnings: string[] = [];
  let text = source.trim();
  let negated = false;
  if (/^not\s/i.test(text)) {
    negated = true;
    text = text.slice(4).trimStart();
  }
  const colon = text.indexOf(':');
  if (colon === -1) return { error: `rule '${source}' has no kind (expected f:, d:, p: or c:)` };
  let kindText = text.slice(0, colon);
  if (kindText.startsWith('!')) {
    warnings.push(`'!' before the rule kind is ignored (as Wazuh does); write 'not ' to negate a rule`);
    kindText = kindText.slice(1);
  }
  if (kindText === 'r') return { error: `rule '${source}': registry rules (r:) exist only on Windows` };
  const kind = KINDS[kindText];
  if (!kind) return { error: `rule '${source}': unknown rule kind '${kindText}:' (expected f:, d:, p: or c:)` };
  const rest = text.slice(colon + 1);
  const arrow = rest.indexOf(ARROW);
  const target = (arrow === -1 ? rest : rest.slice(0, arrow)).trim();
  const after = arrow === -1 ? undefined : rest.slice(arrow + ARROW.length);
  if (target === '') return { error: `rule '${source}' names no ${kind}` };
  if (arrow === -1 && rest.trimEnd().endsWith('->')) return { error: `rule '${source}' ends with '->' and no content` };

  if (kind === 'process') {
    if (after !== undefined) return { error: `rule '${source}': process rules take a process name only` };
    return { rule: { source, negated, kind, targets: [target] }, warnings };
  }
  if (kind === 'command') {
    // `$` in a command is usually the shell's own variable (sh -c '… $x …'): expand only policy variables.
    const command = expandVariables(target, variables);
    if (after === undefined) return { rule: { source, negated, kind, targets: [command] }, warnings };
    const content = parseContent(after, dialect, warnings);
    if ('error' in content) return { error: `rule '${source}': ${content.error}` };
    if (content.metadata) return { error: `rule '${source}': mode:, uid: and gid: apply to files, not to command output` };
    return { rule: { source, negated, kind, targets: [command], content }, warnings };
  }

  const expanded = expandVariables(target, variables);
  const undefinedVariable = /\$[A-Za-z_]\w*/.exec(expanded);
  if (undefinedVariable) return { error: `rule '${source}' uses undefined variable ${undefinedVariable[0]}` };
  const targets = splitTargets(expanded);
  for (const path of targets.filter((candidate) => !candidate.startsWith('/'))) {
    warnings.push(`'${path}' is not an absolute path and will never be found${kind === 'file' && path.includes(' ') ? ' (a command written as f: instead of c:?)' : ''}`);
  }

  if (kind === 'file') {
    if (after === undefined) return { rule: { source, negated, kind, targets }, warnings };
    const content = parseContent(after, dialect, warnings);
    if ('error' in content) return { error: `rule '${source}': ${content.error}` };
    return { rule: { source, negated, kind, targets, content }, warnings };
  }

  // Directory: `d:DIR`, `d:DIR -> NAMES`, `d:DIR -> NAMES -> CONTENT`.
  if (after === undefined) return { rule: { source, negated, kind, targets }, warnings };
  const second = after.indexOf(ARROW);
  const namesText = (second === -1 ? after : after.slice(0, second)).trim();
  let names: ParsedRule['names'];
  if (namesText.startsWith('r:')) {
    const compiled = compileRegex(namesText.slice(2), dialect);
    if ('error' in compiled) return { error: `rule '${source}': bad ${dialect} regex '${namesText.slice(2)}': ${compiled.error}` };
    const regex = compiled.regex;
    names = { text: namesText, test: (name) => regex.test(name) };
  } else {
    names = { text: namesText, test: compileOsMatch(namesText) };
  }
  if (second === -1) return { rule: { source, negated, kind, targets, names }, warnings };
  const content = parseContent(after.slice(second + ARROW.length), dialect, warnings);
  if ('error' in content) return { error: `rule '${source}': ${content.error}` };
  return { rule: { source, negated, kind, targets, names, content }, warnings };
}
