// The sites of an Apache httpd configuration: each <VirtualHost> (or, without any, the main
// server) with its names, ports, TLS, document root and proxied upstream.
import type { ApacheDirective } from './apache-config.js';
import type { WebSiteConfig } from './nginx-sites.js';

/** Every directive of the tree, sections entered (conditional sections are read as true). */
function* flatten(directives: readonly ApacheDirective[], skipVirtualHosts: boolean): Generator<ApacheDirective> {
  for (const directive of directives) {
    yield directive;
    if (directive.children && !(skipVirtualHosts && directive.name === 'virtualhost')) yield* flatten(directive.children, skipVirtualHosts);
  }
}

function portOf(address: string): number | null {
  const match = /:(\d+)$/.exec(address);
  if (match?.[1] !== undefined) return Number(match[1]);
  return /^\d+$/.test(address) ? Number(address) : null;
}

/** Ports of every Listen directive ("80", "0.0.0.0:8080", "[::]:443 https"). */
export function apacheListenPorts(directives: readonly ApacheDirective[]): number[] {
  const ports = new Set<number>();
  for (const directive of flatten(directives, false)) {
    const port = directive.name === 'listen' && directive.args[0] ? portOf(directive.args[0]) : null;
    if (port !== null) ports.add(port);
  }
  return [...ports].sort((a, b) => a - b);
}

function siteFrom(scope: readonly ApacheDirective[], file: string, ports: readonly number[], skipVirtualHosts: boolean): WebSiteConfig {
  const all = [...flatten(scope, skipVirtualHosts)];
  const first = (name: string) => all.find((directive) => directive.name === name)?.args;
  const names = [first('servername')?.[0], ...all.filter((directive) => directive.name === 'serveralias').flatMap((directive) => directive.args)];
  const proxy = all.find((directive) => (directive.name === 'proxypass' || directive.name === 'proxypassmatch') && directive.args[1] && directive.args[1] !== '!');
  return {
    // "ServerName www.example.com:443" names the host; the port is the listener's business.
    serverNames: names.filter((name): name is string => Boolean(name)).map((name) => name.replace(/^[a-z]+:\/\//i, '').replace(/:\d+$/, '')),
    ports: [...ports],
    documentRoot: first('documentroot')?.[0] ?? null,
    upstream: proxy?.args[1] ?? null,
    tls: all.some((directive) => directive.name === 'sslengine' && directive.args[0]?.toLowerCase() === 'on'),
    configPath: file,
  };
}

export function apacheSites(directives: readonly ApacheDirective[], mainFile: string): WebSiteConfig[] {
  const listenPorts = apacheListenPorts(directives);
  const virtualHosts = [...flatten(directives, true)].filter((directive) => directive.name === 'virtualhost');
  const covered = new Set<number>();
  const sites = virtualHosts.map((host) => {
    const ports = new Set<number>();
    for (const address of host.args) {
      const port = portOf(address);
      if (port !== null) ports.add(port);
    }
    // "<VirtualHost *>" answers on every Listen port.
    const hostPorts = ports.size > 0 ? [...ports].sort((a, b) => a - b) : listenPorts;
    for (const port of hostPorts) covered.add(port);
    return siteFrom(host.children ?? [], host.file, hostPorts, false);
  });
  // The main server answers on the Listen ports no virtual host takes.
  const mainPorts = virtualHosts.length === 0 && listenPorts.length === 0 ? [80] : listenPorts.filter((port) => !covered.has(port));
  if (mainPorts.length > 0) sites.unshift(siteFrom(directives, mainFile, mainPorts, true));
  return sites;
}
