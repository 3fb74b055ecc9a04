// The sites (server blocks of the http context) of an nginx configuration: names, listen ports,
// TLS, document root and the upstream requests are passed to. Meaning of each directive per
// nginx's ngx_http_core_module (listen, server_name, root) and ngx_http_proxy_module docs.
import type { NginxDirective } from './nginx-config.js';

export interface WebSiteConfig {
  readonly serverNames: readonly string[];
  readonly ports: readonly number[];
  readonly documentRoot: string | null;
  readonly upstream: string | null;
  readonly tls: boolean;
  readonly configPath: string;
}

const PASS_DIRECTIVES = new Set(['proxy_pass', 'fastcgi_pass', 'uwsgi_pass', 'grpc_pass', 'scgi_pass']);

/** Port of a listen address: "80", "*:8080", "[::]:443", "127.0.0.1" (→ 80); null for a unix socket. */
export function listenPort(address: string): number | null {
  if (address.startsWith('unix:')) return null;
  if (/^\d+$/.test(address)) return Number(address);
  const match = /:(\d+)$/.exec(address);
  if (match?.[1] !== undefined && !address.endsWith(']')) return Number(match[1]);
  return 80;
}

function childrenNamed(block: readonly NginxDirective[], name: string): NginxDirective[] {
  return block.filter((directive) => directive.name === name);
}

function firstPass(block: readonly NginxDirective[]): string | null {
  for (const directive of block) {
    if (PASS_DIRECTIVES.has(directive.name) && directive.args[0]) return directive.args[0];
    if (directive.block) {
      const nested = firstPass(directive.block);
      if (nested) return nested;
    }
  }
  return null;
}

function rootLocation(block: readonly NginxDirective[]): readonly NginxDirective[] | null {
  const location = block.find((directive) => directive.name === 'location' && directive.args.length === 1 && directive.args[0] === '/');
  return location?.block ?? null;
}

function siteOf(server: NginxDirective, inheritedRoot: string | null): WebSiteConfig {
  const block = server.block ?? [];
  const listens = childrenNamed(block, 'listen');
  const ports = new Set<number>();
  let tls = childrenNamed(block, 'ssl').some((directive) => directive.args[0] === 'on');
  for (const listen of listens) {
    const port = listenPort(listen.args[0] ?? '');
    if (port !== null) ports.add(port);
    if (listen.args.slice(1).some((flag) => flag === 'ssl' || flag === 'quic')) tls = true;
  }
  if (listens.length === 0) ports.add(80); // nginx's default "listen *:80"
  const names = childrenNamed(block, 'server_name').flatMap((directive) => directive.args).filter((name) => name !== '');
  const root = childrenNamed(block, 'root')[0]?.args[0] ?? childrenNamed(rootLocation(block) ?? [], 'root')[0]?.args[0] ?? inheritedRoot;
  return {
    serverNames: names,
    ports: [...ports].sort((a, b) => a - b),
    documentRoot: root ?? null,
    upstream: firstPass(block),
    tls,
    configPath: server.file,
  };
}

export function nginxSites(directives: readonly NginxDirective[]): WebSiteConfig[] {
  const sites: WebSiteConfig[] = [];
  for (const http of childrenNamed(directives, 'http')) {
    const block = http.block ?? [];
    const root = childrenNamed(block, 'root')[0]?.args[0] ?? null;
    for (const server of childrenNamed(block, 'server')) sites.push(siteOf(server, root));
  }
  return sites;
}
