// Reads an nginx configuration into a tree of directives, following `include` (globs allowed,
// relative paths taken from the main file's directory, nginx's conf prefix) inside the view.
// Syntax per nginx's ngx_conf_file.c: words separated by blanks, ";" ends a directive, "{...}"
// opens a block, "#" starts a comment outside quotes, quotes group words and "\" escapes.
import type { SystemView } from '../../view/system-view.js';
import { MAX_CONFIG_FILES, MAX_INCLUDE_DEPTH, dirName, expandInclude, joinPath, readConfigFile, type ConfigWarning } from './config-files.js';

export interface NginxDirective {
  readonly name: string;
  readonly args: readonly string[];
  readonly block: readonly NginxDirective[] | null;
  readonly file: string;
  readonly line: number;
}

interface Token {
  readonly text: string;
  readonly quoted: boolean;
  readonly line: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let at = 0;
  while (at < text.length) {
    const char = text[at] as string;
    if (char === '\n') line++;
    if (/\s/.test(char)) {
      at++;
      continue;
    }
    if (char === '#') {
      while (at < text.length && text[at] !== '\n') at++;
      continue;
    }
    if (char === ';' || char === '{' || char === '}') {
      tokens.push({ text: char, quoted: false, line });
      at++;
      continue;
    }
    const start = line;
    let word = '';
    if (char === '"' || char === "'") {
      at++;
      while (at < text.length && text[at] !== char) {
        if (text[at] === '\\' && at + 1 < text.length) at++;
        if (text[at] === '\n') line++;
        word += text[at];
        at++;
      }
      at++; // closing quote (or the end of a truncated file)
      tokens.push({ text: word, quoted: true, line: start });
      continue;
    }
    while (at < text.length && !/[\s;{}]/.test(text[at] as string)) {
      // "${var}" keeps its braces; a "#" inside a word is part of it (nginx reads "a#b" as one word).
      if (text[at] === '$' && text[at + 1] === '{') {
        const close = text.indexOf('}', at);
        if (close < 0) break;
        word += text.slice(at, close + 1);
        at = close + 1;
        continue;
      }
      if (text[at] === '\\' && at + 1 < text.length) at++;
      word += text[at];
      at++;
    }
    tokens.push({ text: word, quoted: false, line: start });
  }
  return tokens;
}

interface ReadState {
  readonly view: SystemView;
  readonly prefix: string;
  readonly warnings: ConfigWarning[];
  readonly files: string[];
}

async function parseTokens(tokens: Token[], file: string, state: ReadState, stack: readonly string[]): Promise<NginxDirective[]> {
  let at = 0;
  const parseBlock = async (depth: number): Promise<NginxDirective[]> => {
    const directives: NginxDirective[] = [];
    let words: Token[] = [];
    while (at < tokens.length) {
      const token = tokens[at++] as Token;
      if (!token.quoted && token.text === '}') {
        if (depth === 0) state.warnings.push({ path: file, message: `line ${token.line}: unexpected "}"` });
        else return directives;
        continue;
      }
      if (!token.quoted && (token.text === ';' || token.text === '{')) {
        const [name, ...args] = words;
        words = [];
        if (!name) {
          state.warnings.push({ path: file, message: `line ${token.line}: unexpected "${token.text}"` });
          continue;
        }
        const block = token.text === '{' ? await parseBlock(depth + 1) : null;
        const directive = { name: name.text, args: args.map((arg) => arg.text), block, file, line: name.line };
        if (directive.name === 'include' && block === null) directives.push(...(await includeFiles(directive, state, stack)));
        else directives.push(directive);
        continue;
      }
      words.push(token);
    }
    if (words.length > 0 || depth > 0) state.warnings.push({ path: file, message: 'unexpected end of file (missing ";" or "}")' });
    return directives;
  };
  return parseBlock(0);
}

async function includeFiles(directive: NginxDirective, state: ReadState, stack: readonly string[]): Promise<NginxDirective[]> {
  const pattern = directive.args[0];
  if (pattern === undefined) return [];
  const included: NginxDirective[] = [];
  for (const path of await expandInclude(state.view, joinPath(state.prefix, pattern))) {
    included.push(...(await readFileTree(path, state, stack)));
  }
  return included;
}

async function readFileTree(path: string, state: ReadState, stack: readonly string[]): Promise<NginxDirective[]> {
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
  return parseTokens(tokenize(text), path, state, [...stack, path]);
}

export interface NginxConfig {
  readonly main: string;
  readonly directives: readonly NginxDirective[];
  /** Every file read, the main one first. */
  readonly files: readonly string[];
  readonly warnings: readonly ConfigWarning[];
}

/** Reads `main` (nginx.conf) and everything it includes; null when the main file does not exist. */
export async function readNginxConfig(view: SystemView, main: string): Promise<NginxConfig | null> {
  const state: ReadState = { view, prefix: dirName(main), warnings: [], files: [] };
  const directives = await readFileTree(main, state, []);
  if (state.files.length === 0) return null;
  return { main, directives, files: state.files, warnings: state.warnings };
}
