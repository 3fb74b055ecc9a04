// `f:` rules. Without content: does one of the listed files exist as a regular file? With content:
// does one of them have a line matching the pattern? A file that a content rule cannot read
// (missing, too large, not readable) makes the rule not applicable, as in Wazuh, unless another
// listed file answers it. One departure: in a list of files (commas, wildcards), a missing file is
// skipped when another listed file exists ("one of these files sets X" is answered by the files
// that are there); Wazuh makes the whole rule not applicable as soon as one is missing.
import { matchContent, splitLines } from './content-match.js';
import type { EvaluationContext } from './context.js';
import { expandPath } from './path-glob.js';
import type { RawOutcome } from './rule-outcome.js';
import type { ContentPattern, ParsedRule } from './rule-parser.js';

/** Palisade's metadata minterms (mode:, uid:, gid:) on one file, following symlinks. */
async function fileMetadata(context: EvaluationContext, path: string, content: ContentPattern & { metadata: true }): Promise<RawOutcome> {
  const stat = await context.stat(path);
  if (stat === null) return { found: 'invalid', missing: true, path, detail: `${path} does not exist` };
  if ('invalid' in stat) return { found: 'invalid', path, detail: stat.invalid };
  const seen = `${path} has mode ${stat.mode.toString(8).padStart(4, '0')}, uid ${stat.uid}, gid ${stat.gid}`;
  for (const minterm of content.minterms) {
    const holds = minterm.kind === 'mode' ? (stat.mode & ~minterm.mask & 0o7777) === 0 : (minterm.kind === 'uid' ? stat.uid : stat.gid) === minterm.id;
    if (holds === minterm.negated) return { found: false, path, detail: `${seen}: '${minterm.negated ? '!' : ''}${minterm.text}' does not hold` };
  }
  return { found: true, path, detail: `${seen}: '${content.text}' holds` };
}

/** Looks for the content in one file. */
export async function fileContent(context: EvaluationContext, path: string, content: ContentPattern): Promise<RawOutcome> {
  if (!path.startsWith('/')) return { found: 'invalid', detail: `'${path}' is not an absolute path` };
  if (content.metadata) return fileMetadata(context, path, content);
  const file = await context.readText(path);
  if ('missing' in file) return { found: 'invalid', missing: true, path, detail: `${path} does not exist (or is not a regular file)` };
  if ('invalid' in file) return { found: 'invalid', path, detail: file.invalid };
  const match = matchContent(splitLines(file.text), content);
  if ('invalid' in match) return { found: 'invalid', path, detail: match.invalid };
  const at = match.line === undefined ? {} : { line: match.line, ...(match.text === undefined ? {} : { text: match.text }) };
  // A lone `!minterm` means "no line matches minterm": say it that way round.
  const lone = content.minterms.length === 1 && content.minterms[0]?.negated === true ? content.text.trimStart().slice(1) : undefined;
  if (match.matched) {
    return { found: true, path, ...at, detail: lone !== undefined ? `${path}: no line matches '${lone}'` : `${path}:${match.line} matches '${content.text}'` };
  }
  return {
    found: false,
    path,
    ...at,
    detail: lone !== undefined ? `${path}:${match.line} matches '${lone}'` : `${path}: no line matches '${content.text}'`,
  };
}

async function exists(context: EvaluationContext, path: string): Promise<RawOutcome> {
  if (!path.startsWith('/')) return { found: 'invalid', detail: `'${path}' is not an absolute path` };
  const stat = await context.stat(path);
  if (stat === null) return { found: false, path, detail: `${path} does not exist` };
  if ('invalid' in stat) return { found: 'invalid', path, detail: stat.invalid };
  if (stat.type !== 'file') return { found: false, path, detail: `${path} exists but is not a regular file (${stat.type})` };
  return { found: true, path, detail: `${path} exists` };
}

/** Any listed file answering "found" decides; else an unanswerable one makes the rule invalid. */
export async function anyOf(paths: readonly string[], test: (path: string) => Promise<RawOutcome>): Promise<RawOutcome> {
  let invalid: RawOutcome | undefined;
  let missing: RawOutcome | undefined;
  let miss: RawOutcome | undefined;
  for (const path of paths) {
    const outcome = await test(path);
    if (outcome.found === true) return outcome;
    if (outcome.missing) missing ??= outcome;
    else if (outcome.found === 'invalid') invalid ??= outcome;
    else miss ??= outcome;
  }
  if (invalid) return invalid;
  if (miss) return paths.length > 1 && missing ? { ...miss, detail: `${miss.detail} (and no listed file answers otherwise)` } : miss;
  return missing ?? { found: false, detail: 'no path to look at' };
}

export async function evaluateFileRule(context: EvaluationContext, rule: ParsedRule): Promise<RawOutcome> {
  const paths: string[] = [];
  for (const target of rule.targets) paths.push(...(await expandPath(context, target)));
  const content = rule.content;
  if (paths.length === 0) {
    return content ? { found: 'invalid', detail: `no file matches ${rule.targets.join(', ')}` } : { found: false, detail: `no file matches ${rule.targets.join(', ')}` };
  }
  if (!content) return anyOf(paths, (path) => exists(context, path));
  return anyOf(paths, (path) => fileContent(context, path, content));
}
