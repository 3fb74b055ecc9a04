// One HTTP exchange for the agent, over node:http/https rather than fetch(). fetch() in Node is
// undici, whose HTTP parser is WebAssembly: loading it costs the agent ~10 MB for good, and V8
// optimizing that parser in the background right after the first request took another ~27 MB
// for a moment (the agent's start-up high water, 107 MB against ~80 MB with node:http; measured
// by bench/agent-idle.ts). node:http's parser is native code that is already loaded.
import http from 'node:http';
import https from 'node:https';

/** A server answer larger than this is refused rather than held in the agent's memory. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

// Keep-alive: heartbeats and event batches reuse their connections, as fetch() did.
const agents = { 'http:': new http.Agent({ keepAlive: true }), 'https:': new https.Agent({ keepAlive: true }) };

export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

export interface HttpCall {
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | undefined;
  /** The whole exchange, connecting included, must end within this time. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
  readonly maxBytes?: number;
}

export class HttpCallError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpCallError';
  }
}

export function httpCall(url: URL, call: HttpCall): Promise<HttpAnswer> {
  const protocol = url.protocol === 'https:' || url.protocol === 'http:' ? url.protocol : null;
  if (!protocol) return Promise.reject(new HttpCallError(`unsupported protocol ${url.protocol} (http: or https:)`));
  const maxBytes = call.maxBytes ?? MAX_RESPONSE_BYTES;
  return new Promise<HttpAnswer>((resolve, reject) => {
    const headers: Record<string, string> = { ...call.headers };
    // Encoded once: its length is the header, its bytes the body (an event batch is megabytes).
    const body = call.body === undefined ? undefined : Buffer.from(call.body, 'utf8');
    if (body) headers['content-length'] = String(body.length);
    const request = (protocol === 'https:' ? https : http).request(url, { method: call.method, headers, agent: agents[protocol] });
    // One listener on the caller's signal for this exchange only, removed when it ends: the
    // agent's stop signal lives as long as the agent and sees thousands of exchanges.
    const onAbort = () => stop(new HttpCallError(`${call.method} ${url.pathname}: aborted`, { cause: call.signal?.reason }));
    const timer = setTimeout(() => stop(new HttpCallError(`${call.method} ${url.pathname}: no answer within ${call.timeoutMs} ms`)), call.timeoutMs);
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      finish();
    };
    const fail = (error: Error) => settle(() => reject(error instanceof HttpCallError ? error : new HttpCallError(`${call.method} ${url.pathname}: ${error.message}`, { cause: error })));
    // Settled first, then the connection dropped: whatever the dropped request emits afterwards
    // (an 'end', a "socket hang up") finds the exchange already over.
    function stop(error: HttpCallError): void {
      fail(error);
      request.destroy();
    }
    request.on('error', fail);
    if (call.signal?.aborted) {
      onAbort();
      return;
    }
    call.signal?.addEventListener('abort', onAbort, { once: true });
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          stop(new HttpCallError(`${call.method} ${url.pathname}: answer larger than ${maxBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      // A connection cut while the body arrives (or the destroy above) ends the exchange here.
      response.on('error', fail);
      response.on('close', () => {
        if (!response.complete) fail(new HttpCallError(`${call.method} ${url.pathname}: the connection closed before the whole answer came`));
      });
      response.on('end', () => settle(() => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })));
    });
    request.end(body);
  });
}
