// Registry authentication (distribution "Token Authentication Specification"): a request
// answered 401 carries `WWW-Authenticate`. "Basic" wants the user's credentials on every request;
// "Bearer realm=…,service=…,scope=…" sends us to a token server (with the credentials, if any)
// for a token scoped to the repository.
import { ImageError } from './image-error.js';
import { readBody, send } from './http-client.js';
import { z } from 'zod';

export interface Credentials {
  readonly username: string;
  readonly password: string;
}

export interface Challenge {
  readonly scheme: string;
  readonly params: Readonly<Record<string, string>>;
}

/** `Bearer realm="x",service="y"` → { scheme: "bearer", params }. Quoted values may hold commas. */
export function parseChallenge(value: string): Challenge | null {
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(value);
  if (!match) return null;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?/g;
  for (const part of (match[2] ?? '').matchAll(pattern)) {
    params[(part[1] ?? '').toLowerCase()] = (part[2] ?? part[3] ?? '').replace(/\\(.)/g, '$1');
  }
  return { scheme: (match[1] ?? '').toLowerCase(), params };
}

export function basicAuthorization(credentials: Credentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}

const TokenReply = z.object({ token: z.string().optional(), access_token: z.string().optional() });

export interface TokenRequest {
  readonly challenge: Challenge;
  readonly scope: string;
  readonly credentials?: Credentials;
  readonly timeoutMs: number;
  readonly insecureTls: boolean;
}

export async function fetchToken(request: TokenRequest): Promise<string> {
  const realm = request.challenge.params.realm;
  if (!realm) throw new ImageError('unauthorized', 'WWW-Authenticate', 'Bearer challenge without a realm');
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new ImageError('unauthorized', 'WWW-Authenticate', `realm "${realm.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ImageError('unauthorized', realm, 'token realm must be http(s)');
  const service = request.challenge.params.service;
  if (service) url.searchParams.set('service', service);
  url.searchParams.set('scope', request.challenge.params.scope ?? request.scope);
  const where = `token server ${url.origin}${url.pathname}`;
  const response = await send({
    url,
    headers: request.credentials ? { authorization: basicAuthorization(request.credentials) } : {},
    timeoutMs: request.timeoutMs,
    insecureTls: request.insecureTls,
  });
  const body = await readBody(response, 256 * 1024, where);
  if (response.status === 401 || response.status === 403) {
    throw new ImageError('unauthorized', where, request.credentials ? 'credentials rejected by the token server' : 'token server requires credentials (--username/--password or --docker-config)');
  }
  if (response.status !== 200) throw new ImageError('registry', where, `answered HTTP ${response.status}`);
  let parsed;
  try {
    parsed = TokenReply.parse(JSON.parse(body.toString('utf8')));
  } catch {
    throw new ImageError('unauthorized', where, 'reply is not a token JSON object');
  }
  const token = parsed.token ?? parsed.access_token;
  if (!token) throw new ImageError('unauthorized', where, 'reply holds no token');
  return token;
}
