// Reads an Apache httpd configuration into a tree: one directive per line ("\" at the end of a
// line continues it), "#" comments on their own lines, <Section args> ... </Section> blocks,
// Include / IncludeOptional expanded in place (globs allowed, relative to ServerRoot), as
// described in httpd's "Configuration Files" and core module documentation.
import type { SystemView } from '../../view/system-view.js';
import { MAX_CONFIG_FILES, MAX_INCLUDE_DEPTH, expandInclude, joinPath, readConfigFile, type ConfigWarning } from './config-files.js';

export interface ApacheDirective {
  /** Lower-cased: httpd directive and section names are case-insensitive. */
  readonly name: string;
  readonly args: readonly string[];
  /** Set for a section (<VirtualHost>, <IfModule>…), null for a plain directive. */
  readonly children: readonly ApacheDirective[] | null;
  readonly file: string;
  readonly line: number;
}

/** Splits arguments at blanks, keeping "double quoted" (and 'single quoted') words together. */
export function splitArgs(text: string): string[] {
  const args: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of text.matchAll(pattern)) args.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[3] ?? '');
  return args;
}

interface Line {
  readonly text: string;
  readonly line: number;
}

function logicalLines(text: string): Line[] {
  const lines: Line[] = [];
  let pending = '';
  let start = 0;
  text.split(/\r?\n/).forEach((raw, index) => {
    if (pending === '') start = index + 1;
    if (raw.endsWith('\\')) {
      pending += `${raw.slice(0, -1)} `;
      return;
    }
    lines.push({ text: (pending + raw).trim(), line: start });
    pending = '';
  });
  if (pending !== '') lines.push({ text: pending.trim(), line: start });
  return lines;
}

interface ReadState {
  readonly view: SystemView;
  serverRoot: string;
  readonly warnings: ConfigWarning[];
  readonly files: string[];
}

async function parseFile(path: string, state: ReadState, stack: readonly string[]): Promise<ApacheDirective[]> {
  if (stack.includes(path)) {
    state.warnings.push({ path, message: `include cycle: ${[...stack, path].join(' -> ')}` });
    return [];
  }
  if (stack.length >= MAX_INCLUDE_DEPTH || state.files.length >= MAX_CONFIG_FILES) {
    state.warnings.push({ path, message: 'includes nested too deep or too many files: not read' });
    return [];
  }
  const text = await readConfigFile(state.view, path, state.warnings);
  if (text === null) return [];
  state.files.push(path);
  const root: ApacheDirective[] = [];
  const open: { name: string; children: ApacheDirective[]; line: number }[] = [];
  const current = () => open.at(-1)?.children ?? root;
  for (const { text: line, line: number } of logicalLines(text)) {
    if (line === '' || line.startsWith('#')) continue;
    const close = /^<\/\s*([^>\s]+)\s*>$/.exec(line);
    if (close?.[1] !== undefined) {
      const name = close[1].toLowerCase();
      if (open.at(-1)?.name === name) open.pop();
      else state.warnings.push({ path, message: `line ${number}: </${close[1]}> closes no open section` });
      continue;
    }
    const section = /^<\s*([^>\s]+)\s*(.*?)>$/.exec(line);
    if (section?.[1] !== undefined) {
      const children: ApacheDirective[] = [];
      current().push({ name: section[1].toLowerCase(), args: splitArgs(section[2] ?? ''), children, file: path, line: number });
      open.push({ name: section[1].toLowerCase(), children, line: number });
      continue;
    }
    const [name = '', ...args] = splitArgs(line);
    const lower = name.toLowerCase();
    if (lower === 'serverroot' && args[0]) state.serverRoot = args[0];
    if ((lower === 'include' || lower === 'includeoptional') && args[0]) {
      const files = await expandInclude(state.view, joinPath(state.serverRoot, args[0]));
      if (files.length === 0 && lower === 'include' && !/[*?[]/.test(args[0])) {
        state.warnings.push({ path, message: `line ${number}: included file ${args[0]} not found` });
      }
      for (const file of files) current().push(...(await parseFile(file, state, [...stack, path])));
      continue;
    }
    current().push({ name: lower, args, children: null, file: path, line: number });
  }
  for (const unclosed of open) state.warnings.push({ path, message: `line ${unclosed.line}: <${unclosed.name}> is never closed` });
  return root;
}

export interface ApacheConfig {
  readonly main: string;
  readonly directives: readonly ApacheDirective[];
  readonly files: readonly string[];
  readonly warnings: readonly ConfigWarning[];
}

/**
 * Reads `main` and its includes. `serverRoot` is where relative includes start until the
 * configuration sets ServerRoot itself: the main file's directory on Debian (/etc/apache2),
 * one level up on Red Hat (/etc/httpd for /etc/httpd/conf/httpd.conf).
 */
export async function readApacheConfig(view: SystemView, main: string, serverRoot: string): Promise<ApacheConfig | null> {
  const state: ReadState = { view, serverRoot, warnings: [], files: [] };
  const directives = await parseFile(main, state, []);
  if (state.files.length === 0) return null;
  return { main, directives, files: state.files, warnings: state.warnings };
}
