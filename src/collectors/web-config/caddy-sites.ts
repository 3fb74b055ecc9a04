// Sites of a Caddyfile (Caddy 2 "Caddyfile concepts"): each top-level block is a site whose
// addresses come before "{", one directive per line inside it. `import` pulls in other files
// (globs, relative to the importing file); "(name) { … }" blocks are snippets, not sites.
// Caddy serves a site with a host name over HTTPS on 443 by itself (automatic HTTPS) unless its
// address says http:// or gives only a port.
import type { SystemView } from '../../view/system-view.js';
import { MAX_CONFIG_FILES, MAX_INCLUDE_DEPTH, dirName, expandInclude, joinPath, readConfigFile, type ConfigWarning } from './config-files.js';
import type { WebSiteConfig } from './nginx-sites.js';

interface Line {
  readonly words: string[];
  readonly file: string;
}

/** Words of a line: blanks separate, "double quotes" and `backticks` group, "#" after a blank starts a comment. */
function words(line: string): string[] {
  const found: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|`([^`]*)`|(#.*$)|(\S+)/g)) {
    if (match[3] !== undefined) break;
    found.push(match[1]?.replace(/\\(.)/g, '$1') ?? match[2] ?? match[4] ?? '');
  }
  return found;
}

async function readLines(view: SystemView, path: string, warnings: ConfigWarning[], stack: readonly string[], count: { files: number }): Promise<Line[]> {
  if (stack.includes(path) || stack.length >= MAX_INCLUDE_DEPTH || count.files >= MAX_CONFIG_FILES) {
    warnings.push({ path, message: stack.includes(path) ? `import cycle: ${[...stack, path].join(' -> ')}` : 'imports nested too deep or too many files: not read' });
    return [];
  }
  const text = await readConfigFile(view, path, warnings);
  if (text === null) return [];
  count.files++;
  const lines: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = words(raw);
    if (line.length === 0) continue;
    if (line[0] === 'import' && line[1] !== undefined && !line[1].startsWith('(') && /[/*.]/.test(line[1])) {
      for (const file of await expandInclude(view, joinPath(dirName(path), line[1]))) lines.push(...(await readLines(view, file, warnings, [...stack, path], count)));
      continue;
    }
    lines.push({ words: line, file: path });
  }
  return lines;
}

function siteFromAddresses(addresses: readonly string[], body: readonly Line[], file: string): WebSiteConfig {
  const names = new Set<string>();
  const ports = new Set<number>();
  let tls = false;
  for (const address of addresses) {
    const match = /^(?:(https?):\/\/)?([^:/]*)(?::(\d+))?/.exec(address);
    const scheme = match?.[1];
    const host = match?.[2] ?? '';
    const port = match?.[3] ? Number(match[3]) : scheme === 'http' ? 80 : host === '' ? 80 : 443;
    if (host !== '') names.add(host);
    ports.add(port);
    if (scheme === 'https' || (scheme === undefined && host !== '' && port !== 80)) tls = true;
  }
  const directive = (name: string) => body.find((line) => line.words[0] === name)?.words;
  const root = directive('root');
  const proxy = directive('reverse_proxy') ?? directive('php_fastcgi');
  // "root * /srv" and "reverse_proxy /api/* localhost:9000" may carry a matcher ("*", "/path",
  // "@name") before their value: the root is the last word, the upstream the first non-matcher.
  const documentRoot = root && root.length > 1 ? (root.at(-1) as string) : null;
  const upstream = proxy?.slice(1).find((arg) => !arg.startsWith('/') && !arg.startsWith('@') && arg !== '*' && arg !== '{') ?? null;
  return {
    serverNames: [...names],
    ports: [...ports].sort((a, b) => a - b),
    documentRoot,
    upstream,
    tls,
    configPath: file,
  };
}

export async function readCaddySites(view: SystemView, main: string): Promise<{ sites: WebSiteConfig[]; warnings: ConfigWarning[] }> {
  const warnings: ConfigWarning[] = [];
  const lines = await readLines(view, main, warnings, [], { files: 0 });
  const sites: WebSiteConfig[] = [];
  let depth = 0;
  let current: { addresses: string[]; body: Line[]; file: string; snippet: boolean } | null = null;
  for (const line of lines) {
    const opens = line.words.at(-1) === '{';
    const closes = line.words.length === 1 && line.words[0] === '}';
    if (depth === 0 && opens) {
      const addresses = line.words.slice(0, -1).flatMap((word) => word.split(',')).filter(Boolean);
      // A block with no address is the global options block.
      current = { addresses, body: [], file: line.file, snippet: addresses.length === 0 || addresses[0]?.startsWith('(') === true };
      depth = 1;
      continue;
    }
    if (depth === 0) {
      // A site without braces: the address alone on the first line, its directives after it.
      if (sites.length === 0 && current === null && lines.length > 0) current = { addresses: line.words.flatMap((word) => word.split(',')).filter(Boolean), body: [], file: line.file, snippet: false };
      else current?.body.push(line);
      continue;
    }
    if (closes) {
      depth--;
      if (depth === 0 && current && !current.snippet) sites.push(siteFromAddresses(current.addresses, current.body, current.file));
      if (depth === 0) current = null;
      continue;
    }
    if (opens) depth++;
    current?.body.push(line);
  }
  if (depth > 0) warnings.push({ path: main, message: 'unexpected end of file (missing "}")' });
  else if (current && !current.snippet) sites.push(siteFromAddresses(current.addresses, current.body, current.file));
  return { sites, warnings };
}
