// Sites of a Tomcat server.xml: each <Host> (name, <Alias> names, appBase) served on the ports of
// the <Connector>s of its <Service> (Tomcat configuration reference, "The HTTP Connector",
// "The Host Container"). A few regular expressions over the comment-stripped text: server.xml is
// flat enough that no XML parser is needed to read these attributes.
import type { WebSiteConfig } from './nginx-sites.js';

function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) found.set(match[1] as string, match[2] ?? match[3] ?? '');
  return found;
}

export interface TomcatConnector {
  readonly port: number;
  readonly tls: boolean;
  readonly protocol: string;
}

function connectorsIn(xml: string): TomcatConnector[] {
  const connectors: TomcatConnector[] = [];
  for (const match of xml.matchAll(/<Connector\b([^>]*)>/g)) {
    const attrs = attributes(match[1] ?? '');
    const port = Number(attrs.get('port'));
    if (!Number.isInteger(port) || port <= 0 || port > 65535) continue;
    const tls = attrs.get('SSLEnabled') === 'true' || attrs.get('secure') === 'true' || attrs.get('scheme') === 'https';
    connectors.push({ port, tls, protocol: attrs.get('protocol') ?? 'HTTP/1.1' });
  }
  return connectors;
}

/** Connector ports of the whole server.xml (HTTP and AJP alike: both are reachable). */
export function tomcatPorts(serverXml: string): number[] {
  const xml = serverXml.replace(/<!--[\s\S]*?-->/g, '');
  return [...new Set(connectorsIn(xml).map((connector) => connector.port))].sort((a, b) => a - b);
}

export function tomcatSites(serverXml: string, configPath: string): WebSiteConfig[] {
  const xml = serverXml.replace(/<!--[\s\S]*?-->/g, '');
  const base = configPath.replace(/\/conf\/server\.xml$/, '').replace(/\/server\.xml$/, '');
  const sites: WebSiteConfig[] = [];
  for (const service of xml.matchAll(/<Service\b[^>]*>([\s\S]*?)<\/Service>/g)) {
    const body = service[1] ?? '';
    const connectors = connectorsIn(body);
    const ports = [...new Set(connectors.map((connector) => connector.port))].sort((a, b) => a - b);
    for (const host of body.matchAll(/<Host\b([^>]*?)(?:\/>|>([\s\S]*?)<\/Host>)/g)) {
      const attrs = attributes(host[1] ?? '');
      const aliases = [...(host[2] ?? '').matchAll(/<Alias>\s*([^<\s]+)\s*<\/Alias>/g)].map((alias) => alias[1] as string);
      const appBase = attrs.get('appBase') ?? 'webapps';
      sites.push({
        serverNames: [attrs.get('name') ?? 'localhost', ...aliases],
        ports,
        documentRoot: appBase.startsWith('/') ? appBase : `${base}/${appBase}`,
        upstream: null,
        tls: connectors.some((connector) => connector.tls),
        configPath,
      });
    }
  }
  return sites;
}
