// What is in a registry: the repository catalog (GET /v2/_catalog) and a repository's tags
// (GET /v2/<name>/tags/list), both paginated by `n` and the `Link: <…>; rel="next"` header of the
// distribution spec ("Listing Repositories", "Listing Image Tags"), and a tag's digest from a HEAD
// of its manifest. Replies are validated and capped like every other registry answer.
import { z } from 'zod';
import { discard, header, readBody, type HttpResponse } from './http-client.js';
import { ImageError } from './image-error.js';
import { indexMediaTypes, manifestMediaTypes } from './oci-schemas.js';
import { pullScope, type RegistryClient } from './registry-client.js';

/** The token scope that lets a user list the catalog. */
export const CATALOG_SCOPE = 'registry:catalog:*';
const PAGE_BYTES = 4 * 1024 * 1024;

export interface ListOptions {
  /** Entries asked per page. */
  readonly pageSize?: number;
  /** Stop after this many entries (a registry with millions of tags is listed in part). */
  readonly max?: number;
}

const CatalogPage = z.object({ repositories: z.array(z.string().max(256)).nullable().optional() });
const TagsPage = z.object({ name: z.string().optional(), tags: z.array(z.string().max(128)).nullable().optional() });

/** The `rel="next"` target of a Link header, as a path on the same registry; null when none. */
export function nextPage(link: string | undefined, current: URL): string | null {
  if (!link) return null;
  for (const part of link.split(',')) {
    const match = /<([^>]*)>\s*;(.*)$/.exec(part.trim());
    if (!match || !/rel="?next"?/.test(match[2] ?? '')) continue;
    const next = new URL(match[1] ?? '', current);
    // A next page elsewhere would take the credentials there: refuse, as the spec keeps it relative.
    if (next.origin !== current.origin) throw new ImageError('registry', current.pathname, `Link header points to another origin (${next.origin})`);
    return `${next.pathname}${next.search}`;
  }
  return null;
}

async function expectOk(response: HttpResponse, where: string): Promise<void> {
  if (response.status === 200) return;
  discard(response);
  if (response.status === 404) throw new ImageError('not-found', where, 'not found (HTTP 404)');
  throw new ImageError('registry', where, `HTTP ${response.status}`);
}

async function listPaged<T>(client: RegistryClient, first: string, scope: string, where: string, parse: (body: unknown) => T[], options: ListOptions): Promise<T[]> {
  const max = options.max ?? 10_000;
  const items: T[] = [];
  let path: string | null = `${first}?n=${options.pageSize ?? 100}`;
  const seen = new Set<string>();
  while (path !== null && items.length < max) {
    // A registry whose Link points back at a page already read would loop forever.
    if (seen.has(path)) throw new ImageError('registry', where, 'Link header repeats a page');
    seen.add(path);
    const response = await client.request({ path, scope });
    await expectOk(response, where);
    const text = (await readBody(response, PAGE_BYTES, where)).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ImageError('registry', where, 'answer is not JSON');
    }
    items.push(...parse(body));
    path = nextPage(header(response.headers, 'link'), new URL(path, 'http://registry'));
  }
  return items.slice(0, max);
}

export async function listRepositories(client: RegistryClient, options: ListOptions = {}): Promise<string[]> {
  const where = `${client.registry}/v2/_catalog`;
  return listPaged(client, '/v2/_catalog', CATALOG_SCOPE, where, (body) => {
    const page = CatalogPage.safeParse(body);
    if (!page.success) throw new ImageError('registry', where, 'answer is not a catalog ({"repositories": [...]})');
    return page.data.repositories ?? [];
  }, options);
}

export async function listTags(client: RegistryClient, repository: string, options: ListOptions = {}): Promise<string[]> {
  const where = `${client.registry}/${repository} tags`;
  return listPaged(client, `/v2/${repository}/tags/list`, pullScope(repository), where, (body) => {
    const page = TagsPage.safeParse(body);
    if (!page.success) throw new ImageError('registry', where, 'answer is not a tag list ({"name", "tags": [...]})');
    return page.data.tags ?? [];
  }, options);
}

/** The manifest digest a tag points at now, from a HEAD (no body); a GET when the registry omits it. */
export async function tagDigest(client: RegistryClient, repository: string, tag: string): Promise<string> {
  const response = await client.request({
    method: 'HEAD',
    path: `/v2/${repository}/manifests/${tag}`,
    scope: pullScope(repository),
    headers: { accept: [...manifestMediaTypes, ...indexMediaTypes].join(', ') },
  });
  discard(response);
  const where = `${client.registry}/${repository}:${tag}`;
  if (response.status === 404) throw new ImageError('not-found', where, 'not found (HTTP 404)');
  if (response.status !== 200) throw new ImageError('registry', where, `HTTP ${response.status}`);
  const digest = header(response.headers, 'docker-content-digest');
  if (digest && /^sha256:[0-9a-f]{64}$/.test(digest)) return digest;
  return (await client.getManifest(repository, tag)).digest;
}

/** GET /v2/ with authentication: whether the registry speaks v2 and takes the credentials. */
export async function pingRegistry(client: RegistryClient): Promise<void> {
  const response = await client.request({ path: '/v2/', scope: CATALOG_SCOPE });
  discard(response);
  if (response.status !== 200) throw new ImageError('registry', `${client.registry}/v2/`, `HTTP ${response.status}: not a distribution v2 registry?`);
}
