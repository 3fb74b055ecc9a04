// The HTTP the registry client needs and fetch does not give without extra packages: a deadline
// for the response headers, an idle deadline for bodies (a registry that stops sending mid-blob),
// TLS without verification for --insecure registries, and bodies read within a size cap.
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { ImageError } from './image-error.js';

/** Certificate failures: permanent until the user says --insecure, so never retried. */
const TLS_VERIFY_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY']);

export interface HttpRequest {
  readonly method?: string;
  readonly url: URL;
  readonly headers?: Record<string, string>;
  readonly body?: Buffer;
  /** Until the response headers arrive, and the longest silence while a body streams. */
  readonly timeoutMs: number;
  /** Accept self-signed certificates (--insecure). */
  readonly insecureTls?: boolean;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Readable;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

export function send(request: HttpRequest): Promise<HttpResponse> {
  const { url, timeoutMs } = request;
  const where = `${request.method ?? 'GET'} ${url.origin}${url.pathname}`;
  return new Promise((resolve, reject) => {
    const make = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = make(url, {
      method: request.method ?? 'GET',
      headers: { 'user-agent': 'palisade', ...(request.body ? { 'content-length': String(request.body.length) } : {}), ...request.headers },
      ...(url.protocol === 'https:' && request.insecureTls ? { rejectUnauthorized: false } : {}),
    });
    const deadline = setTimeout(() => {
      req.destroy(new ImageError('timeout', where, `no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on('response', (response: IncomingMessage) => {
      clearTimeout(deadline);
      // Idle deadline while the body streams: a stalled registry fails instead of hanging.
      response.setTimeout(timeoutMs, () => response.destroy(new ImageError('timeout', where, `body stalled for ${timeoutMs / 1000} s`)));
      resolve({ status: response.statusCode ?? 0, headers: response.headers, body: response });
    });
    req.on('error', (error) => {
      clearTimeout(deadline);
      if (error instanceof ImageError) return reject(error);
      const code = (error as { code?: string }).code ?? '';
      if (TLS_VERIFY_CODES.has(code) || code.startsWith('CERT_') || code.startsWith('ERR_TLS_CERT')) {
        return reject(new ImageError('tls', where, `TLS: ${error.message} (pass --insecure to accept an unverified certificate)`, { cause: error }));
      }
      reject(new ImageError('registry', where, error.message, { cause: error }));
    });
    req.end(request.body);
  });
}

/** Reads a whole body, failing once it passes `max` bytes (a 1 GB manifest is never buffered). */
export async function readBody(response: HttpResponse, max: number, where: string): Promise<Buffer> {
  const declared = Number(header(response.headers, 'content-length') ?? NaN);
  if (declared > max) {
    response.body.destroy();
    throw new ImageError('too-large', where, `${declared} bytes is over the ${max} byte limit`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += (chunk as Buffer).length;
    if (total > max) {
      response.body.destroy();
      throw new ImageError('too-large', where, `more than ${max} bytes (limit)`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Drops a body we do not need so the connection can be reused or closed. */
export function discard(response: HttpResponse): void {
  response.body.resume();
}
