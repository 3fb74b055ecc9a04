// A client for the Docker Registry HTTP API v2 / OCI distribution spec: manifests and blobs by
// digest, with the auth dance of registry-auth.ts, retries with backoff on 429/5xx and network
// failures, redirects (blob storage often lives elsewhere), and clear errors for 401 and 404.
// Pushing (blob upload, manifest put) is here too: tests publish the images they build with it.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Readable } from 'node:stream';
import { digestOf, parseDigest, sha256Of } from './digest.js';
import { discard, header, readBody, send, type HttpResponse } from './http-client.js';
import { ImageError } from './image-error.js';
import type { ImageLimits } from './limits.js';
import { indexMediaTypes, manifestMediaTypes } from './oci-schemas.js';
import { basicAuthorization, fetchToken, parseChallenge, type Credentials } from './registry-auth.js';

export interface RegistryOptions {
  readonly credentials?: Credentials;
  /** Plain HTTP or unverified TLS (Docker's "insecure registry"). */
  readonly insecure?: boolean;
  readonly timeoutMs?: number;
  /** Attempts after the first on 429, 5xx and network errors. */
  readonly retries?: number;
  readonly backoffMs?: number;
  readonly limits: ImageLimits;
}

interface RequestSpec {
  readonly method?: string;
  readonly path: string;
  readonly scope: string;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

export function pushScope(repository: string): string {
  return `repository:${repository}:pull,push`;
}

/** The first entry of a distribution error body ({"errors":[{"code","message"}]}), for messages. */
async function errorDetail(response: HttpResponse): Promise<string> {
  try {
    const body = await readBody(response, 64 * 1024, 'error body');
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: string; message?: string }[] };
    const first = parsed.errors?.[0];
    return first ? ` (${[first.code, first.message].filter(Boolean).join(': ')})` : '';
  } catch {
    return '';
  }
}

export class RegistryClient {
  private originUrl: URL | null = null;
  private readonly tokens = new Map<string, string>();
  private useBasic = false;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;

  constructor(
    readonly registry: string,
    private readonly options: RegistryOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retries = options.retries ?? 4;
    this.backoffMs = options.backoffMs ?? 500;
  }

  /** https, or for --insecure registries unverified https falling back to plain http. */
  private async origin(): Promise<URL> {
    if (this.originUrl) return this.originUrl;
    const secure = new URL(`https://${this.registry}`);
    if (!this.options.insecure) return (this.originUrl = secure);
    try {
      const response = await send({ url: new URL('/v2/', secure), timeoutMs: this.timeoutMs, insecureTls: true });
      discard(response);
      this.originUrl = secure;
    } catch (error) {
      if (error instanceof ImageError && error.code === 'timeout') throw error;
      this.originUrl = new URL(`http://${this.registry}`);
    }
    return this.originUrl;
  }

  private authorization(scope: string): Record<string, string> {
    const token = this.tokens.get(scope);
    if (token) return { authorization: `Bearer ${token}` };
    if (this.useBasic && this.options.credentials) return { authorization: basicAuthorization(this.options.credentials) };
    return {};
  }

  private async backoff(attempt: number, response?: HttpResponse): Promise<void> {
    const retryAfter = response ? Number(header(response.headers, 'retry-after')) : NaN;
    const wait = Number.isFinite(retryAfter) && retryAfter >= 0 ? Math.min(retryAfter * 1000, 30_000) : this.backoffMs * 2 ** attempt * (0.5 + Math.random() / 2);
    await sleep(wait);
  }

  /** One request with auth, retries and redirects; the caller reads or discards the body. */
  async request(spec: RequestSpec): Promise<HttpResponse> {
    const origin = await this.origin();
    let url = new URL(spec.path, origin);
    const where = `${this.registry}${spec.path.split('?')[0]}`;
    let authenticated = false;
    let redirects = 0;
    for (let attempt = 0; ; ) {
      const sameOrigin = url.origin === origin.origin;
      let response: HttpResponse;
      try {
        response = await send({
          method: spec.method ?? 'GET',
          url,
          headers: { ...spec.headers, ...(sameOrigin ? this.authorization(spec.scope) : {}) },
          ...(spec.body ? { body: spec.body } : {}),
          timeoutMs: this.timeoutMs,
          insecureTls: this.options.insecure === true,
        });
      } catch (error) {
        if (attempt >= this.retries || (error instanceof ImageError && error.code === 'tls')) throw error;
        await this.backoff(attempt++);
        continue;
      }
      if (response.status === 401 && sameOrigin) {
        discard(response);
        if (authenticated) {
          throw new ImageError('unauthorized', where, this.options.credentials ? 'credentials rejected (HTTP 401)' : 'authentication required (HTTP 401): pass --username/--password or --docker-config');
        }
        await this.authenticate(header(response.headers, 'www-authenticate'), spec.scope, where);
        authenticated = true;
        continue;
      }
      if (response.status === 403) {
        throw new ImageError('unauthorized', where, `access denied (HTTP 403)${await errorDetail(response)}`);
      }
      if (RETRYABLE.has(response.status)) {
        if (attempt >= this.retries) {
          throw new ImageError('registry', where, `HTTP ${response.status} after ${attempt + 1} attempts${await errorDetail(response)}`);
        }
        discard(response);
        await this.backoff(attempt++, response);
        continue;
      }
      const location = header(response.headers, 'location');
      if (REDIRECTS.has(response.status) && location && (spec.method ?? 'GET') !== 'POST' && (spec.method ?? 'GET') !== 'PUT') {
        discard(response);
        if (++redirects > 5) throw new ImageError('registry', where, 'more than 5 redirects');
        url = new URL(location, url);
        continue;
      }
      return response;
    }
  }

  private async authenticate(challengeHeader: string | undefined, scope: string, where: string): Promise<void> {
    const challenge = challengeHeader ? parseChallenge(challengeHeader) : null;
    if (challenge?.scheme === 'bearer') {
      const token = await fetchToken({
        challenge,
        scope,
        ...(this.options.credentials ? { credentials: this.options.credentials } : {}),
        timeoutMs: this.timeoutMs,
        insecureTls: this.options.insecure === true,
      });
      this.tokens.set(scope, token);
      return;
    }
    if (challenge?.scheme === 'basic') {
      if (!this.options.credentials) throw new ImageError('unauthorized', where, 'authentication required (HTTP 401): pass --username/--password or --docker-config');
      this.useBasic = true;
      return;
    }
    throw new ImageError('unauthorized', where, `HTTP 401 with an unsupported challenge "${(challengeHeader ?? '').slice(0, 100)}"`);
  }

  private async expect(response: HttpResponse, ok: readonly number[], what: string): Promise<void> {
    if (ok.includes(response.status)) return;
    const detail = await errorDetail(response);
    if (response.status === 404) throw new ImageError('not-found', what, `not found (HTTP 404)${detail}`);
    throw new ImageError('registry', what, `HTTP ${response.status}${detail}`);
  }

  /** A manifest or index by tag or digest, size-capped and digest-checked. */
  async getManifest(repository: string, reference: string): Promise<{ bytes: Buffer; mediaType?: string; digest: string }> {
    const what = `${this.registry}/${repository}${reference.includes(':') ? '@' : ':'}${reference}`;
    const response = await this.request({
      path: `/v2/${repository}/manifests/${reference}`,
      scope: pullScope(repository),
      headers: { accept: [...manifestMediaTypes, ...indexMediaTypes].join(', ') },
    });
    await this.expect(response, [200], what);
    const bytes = await readBody(response, this.options.limits.maxManifestBytes, `manifest ${what}`);
    const mediaType = header(response.headers, 'content-type')?.split(';')[0]?.trim();
    let digest: string;
    if (reference.includes(':')) {
      digest = digestOf(bytes, parseDigest(reference, what).algorithm);
      if (digest !== reference) throw new ImageError('digest-mismatch', `manifest ${what}`, `content hashes to ${digest}`);
    } else {
      digest = sha256Of(bytes);
      const claimed = header(response.headers, 'docker-content-digest');
      if (claimed?.startsWith('sha256:') && claimed !== digest) {
        throw new ImageError('digest-mismatch', `manifest ${what}`, `content hashes to ${digest}, the registry says ${claimed}`);
      }
    }
    return { bytes, ...(mediaType ? { mediaType } : {}), digest };
  }

  /** A blob's body; the caller checks its digest while streaming (layer-stream.ts). */
  async getBlob(repository: string, digest: string): Promise<Readable> {
    const response = await this.request({ path: `/v2/${repository}/blobs/${digest}`, scope: pullScope(repository) });
    await this.expect(response, [200], `blob ${digest} in ${this.registry}/${repository}`);
    return response.body;
  }

  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const response = await this.request({ method: 'HEAD', path: `/v2/${repository}/blobs/${digest}`, scope: pushScope(repository) });
    discard(response);
    return response.status === 200;
  }

  /** Monolithic upload: POST for a session, PUT the bytes with their digest (spec "Pushing blobs"). */
  async putBlob(repository: string, data: Buffer): Promise<string> {
    const digest = sha256Of(data);
    if (await this.hasBlob(repository, digest)) return digest;
    const what = `upload of ${digest} to ${this.registry}/${repository}`;
    const start = await this.request({ method: 'POST', path: `/v2/${repository}/blobs/uploads/`, scope: pushScope(repository), body: Buffer.alloc(0) });
    await this.expect(start, [202], what);
    discard(start);
    const location = header(start.headers, 'location');
    if (!location) throw new ImageError('registry', what, 'no Location for the upload session');
    const target = new URL(location, await this.origin());
    target.searchParams.set('digest', digest);
    const put = await this.request({
      method: 'PUT',
      path: `${target.pathname}${target.search}`,
      scope: pushScope(repository),
      headers: { 'content-type': 'application/octet-stream' },
      body: data,
    });
    await this.expect(put, [201], what);
    discard(put);
    return digest;
  }

  async putManifest(repository: string, reference: string, bytes: Buffer, mediaType: string): Promise<string> {
    const response = await this.request({
      method: 'PUT',
      path: `/v2/${repository}/manifests/${reference}`,
      scope: pushScope(repository),
      headers: { 'content-type': mediaType },
      body: bytes,
    });
    await this.expect(response, [201], `manifest ${this.registry}/${repository}:${reference}`);
    discard(response);
    return sha256Of(bytes);
  }
}
