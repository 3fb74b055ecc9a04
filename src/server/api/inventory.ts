// The fleet inventory: every fact kind across hosts with filters, counts, and per-host tabs.
// Version filters ("openssl below 3.0.13") use the package format's own ordering, so a Debian
// "3.0.11-1~deb12u2" is compared as dpkg compares it.
import { z } from 'zod';
import { Id, PageQuery } from '../../model/common.js';
import { InventoryItem, InventoryQuery, InventorySummary, ResourceSample } from '../../model/inventory-api.js';
import type { InventoryItem as Item } from '../../model/inventory-api.js';
import { LIST_FACT_KINDS } from '../../engines/inventory/fact-identity.js';
import type { ListFactKind } from '../../engines/inventory/fact-identity.js';
import { schemeForEcosystem, schemesByName } from '../../engines/version/index.js';
import { offlineAfterMs } from '../config.js';
import { getHost } from '../store/hosts.js';
import { searchFacts, summarizeFacts } from '../store/host-facts.js';
import { listResourceSamples } from '../store/resource-samples.js';
import { badRequest, notFound } from './errors.js';
import { route } from './route.js';

const Kind = z.enum(LIST_FACT_KINDS as [ListFactKind, ...ListFactKind[]]);
/** Rows read per search before filters that SQL cannot apply (version order, JSON fields). */
const SCAN_LIMIT = 100_000;

const SCHEME_BY_FORMAT: Record<string, string> = { dpkg: 'Debian', rpm: 'Red Hat', apk: 'Alpine' };

function compareVersions(item: Item, a: string, b: string): number {
  const format = typeof item.data.format === 'string' ? item.data.format : null;
  // Language packages carry their OSV ecosystem, whose scheme orders their versions (PEP 440, SemVer…).
  const ecosystem = item.kind === 'jars' ? 'Maven' : item.kind === 'languagePackages' && typeof item.data.ecosystem === 'string' ? item.data.ecosystem : null;
  const scheme = format ? schemeForEcosystem(SCHEME_BY_FORMAT[format] ?? '') : ecosystem ? schemeForEcosystem(ecosystem) : schemesByName.get('generic')!;
  return scheme.compare(a, b);
}

function matches(item: Item, query: z.infer<typeof InventoryQuery>): boolean {
  const data = item.data;
  if (query.versionBelow !== undefined) {
    if (item.version === null) return false;
    try {
      if (compareVersions(item, item.version, query.versionBelow) >= 0) return false;
    } catch {
      return false; // an unreadable version is not "below" anything; it is not guessed
    }
  }
  if (query.port !== undefined) {
    const ports = Array.isArray(data.ports) ? data.ports : [data.port];
    if (!ports.includes(query.port)) return false;
  }
  if (query.external !== undefined && data.external !== (query.external === 'true')) return false;
  if (query.user !== undefined && data.user !== query.user) return false;
  return true;
}

const ListQuery = PageQuery.extend(InventoryQuery.shape);

async function search(scope: Parameters<typeof searchFacts>[0], kind: ListFactKind, query: z.infer<typeof ListQuery>) {
  const rows = await searchFacts(scope, { kind, hostId: query.hostId, name: query.name, nameLike: query.nameLike, version: query.version }, SCAN_LIMIT);
  const filtered = rows.filter((row) => matches(row, query));
  return { items: filtered.slice(query.offset, query.offset + query.limit), total: filtered.length, limit: query.limit, offset: query.offset, hosts: new Set(filtered.map((row) => row.hostId)).size };
}

const Page = z.object({ items: z.array(InventoryItem), total: z.number().int(), limit: z.number().int(), offset: z.number().int(), hosts: z.number().int() });

export const inventoryRoutes = [
  route({
    method: 'GET',
    path: '/api/v1/inventory',
    summary: 'Counts of every inventory kind across the fleet',
    tag: 'inventory',
    access: 'read',
    response: InventorySummary,
    async handler({ scope }) {
      return { kinds: await summarizeFacts(scope()) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/inventory/:kind',
    summary: 'One inventory kind across hosts: e.g. packages?name=openssl&versionBelow=3.0.13, ports?port=6379&external=true, jars?name=org.apache.logging.log4j:log4j-core&version=2.14.1, languagePackages?name=lodash&versionBelow=4.17.21',
    tag: 'inventory',
    access: 'read',
    params: z.object({ kind: Kind }),
    query: ListQuery,
    response: Page,
    async handler({ params, query, scope }) {
      return search(scope(), params.kind, query);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/hosts/:id/inventory/:kind',
    summary: "One inventory kind of one host (the host's tabs)",
    tag: 'inventory',
    access: 'read',
    params: z.object({ id: Id, kind: Kind }),
    query: ListQuery,
    response: Page,
    async handler({ params, query, scope, server }) {
      if (!(await getHost(scope(), params.id, offlineAfterMs(server.config)))) throw notFound('host');
      return search(scope(), params.kind, { ...query, hostId: params.id });
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/hosts/:id/resources',
    summary: "The host's sampled CPU, memory, disk and network use",
    tag: 'inventory',
    access: 'read',
    params: z.object({ id: Id }),
    query: z.object({ since: z.iso.datetime({ offset: true }).optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1440) }),
    response: z.object({ items: z.array(ResourceSample) }),
    async handler({ params, query, scope, server }) {
      if (!(await getHost(scope(), params.id, offlineAfterMs(server.config)))) throw notFound('host');
      const since = query.since ?? new Date(server.clock().getTime() - 24 * 3600_000).toISOString();
      if (Number.isNaN(Date.parse(since))) throw badRequest('since is not a time');
      return { items: await listResourceSamples(scope(), params.id, since, query.limit) };
    },
  }),
];
