// `d:` rules. `d:DIR` asks whether the directory exists. `d:DIR -> NAMES` asks whether a file
// whose name matches NAMES is somewhere under DIR (subdirectories included, symlinks skipped, as
// Wazuh 5 does), and `d:DIR -> NAMES -> CONTENT` whether one such file has a matching line.
import type { EvaluationContext } from './context.js';
import { describe } from './context.js';
import { anyOf, fileContent } from './file-rule.js';
import { expandPath } from './path-glob.js';
import type { RawOutcome } from './rule-outcome.js';
import type { ParsedRule } from './rule-parser.js';

async function searchDirectory(context: EvaluationContext, dir: string, rule: ParsedRule): Promise<RawOutcome> {
  const names = rule.names;
  if (!names) throw new Error('searchDirectory needs a name matcher');
  const stat = await context.stat(dir);
  if (stat === null) return { found: 'invalid', path: dir, detail: `directory ${dir} does not exist` };
  if ('invalid' in stat) return { found: 'invalid', path: dir, detail: stat.invalid };
  if (stat.type !== 'dir') return { found: 'invalid', path: dir, detail: `${dir} is not a directory` };
  let seen = 0;
  let matchedFiles = 0;
  let invalid: RawOutcome | undefined;
  let lastMiss: RawOutcome | undefined;
  try {
    for await (const entry of context.view.walk(dir)) {
      if (++seen > context.options.maxDirEntries) {
        return { found: 'invalid', path: dir, detail: `${dir} has more than ${context.options.maxDirEntries} entries; not searched in full` };
      }
      if (entry.type !== 'file') continue;
      const base = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      if (!names.test(base)) continue;
      matchedFiles++;
      if (!rule.content) return { found: true, path: entry.path, detail: `${entry.path} matches '${names.text}'` };
      const outcome = await fileContent(context, entry.path, rule.content);
      if (outcome.found === true) return outcome;
      if (outcome.found === 'invalid') invalid ??= outcome;
      else lastMiss = outcome;
    }
  } catch (error) {
    return { found: 'invalid', path: dir, detail: describe(dir, error) };
  }
  if (invalid) return invalid;
  if (matchedFiles === 0) return { found: false, path: dir, detail: `no file under ${dir} matches '${names.text}'` };
  if (lastMiss && matchedFiles === 1) return lastMiss;
  return { found: false, path: dir, detail: `none of the ${matchedFiles} files under ${dir} matching '${names.text}' has a line matching '${rule.content?.text ?? ''}'` };
}

async function directoryExists(context: EvaluationContext, dir: string): Promise<RawOutcome> {
  const stat = await context.stat(dir);
  if (stat === null) return { found: false, path: dir, detail: `${dir} does not exist` };
  if ('invalid' in stat) return { found: 'invalid', path: dir, detail: stat.invalid };
  if (stat.type !== 'dir') return { found: false, path: dir, detail: `${dir} exists but is not a directory` };
  return { found: true, path: dir, detail: `directory ${dir} exists` };
}

export async function evaluateDirectoryRule(context: EvaluationContext, rule: ParsedRule): Promise<RawOutcome> {
  const paths: string[] = [];
  for (const target of rule.targets) paths.push(...(await expandPath(context, target)));
  if (paths.length === 0) return { found: rule.names ? 'invalid' : false, detail: `nothing matches ${rule.targets.join(', ')}` };
  if (!rule.names) return anyOf(paths, (dir) => directoryExists(context, dir));
  return anyOf(paths, async (path) => {
    // A wildcard may have expanded to files: test them as entries of their directory.
    const stat = await context.stat(path);
    if (stat !== null && !('invalid' in stat) && stat.type === 'file') {
      const base = path.slice(path.lastIndexOf('/') + 1);
      if (!rule.names?.test(base)) return { found: false, path, detail: `${path} does not match '${rule.names?.text}'` };
      return rule.content ? fileContent(context, path, rule.content) : { found: true, path, detail: `${path} matches '${rule.names.text}'` };
    }
    return searchDirectory(context, path, rule);
  });
}
