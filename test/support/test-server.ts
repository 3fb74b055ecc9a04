// A real Palisade server on a loopback port over a fresh SQLite or PostgreSQL database, with a
// small HTTP client that keeps a session cookie like a browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { loadServerConfig } from '../../src/server/config.js';
import { startServer } from '../../src/server/start.js';
import type { RunningServer } from '../../src/server/start.js';
import type { Clock } from '../../src/server/store/tenant-scope.js';
import { testDatabase } from './stores.js';

export const ADMIN_PASSWORD = 'correct horse battery staple';

export interface TestServer {
  readonly server: RunningServer;
  readonly url: string;
  readonly dataDir: string;
  close(): Promise<void>;
}

export async function startTestServer(dialect: 'sqlite' | 'postgres', options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestServer | null> {
  const database = await testDatabase(dialect);
  if (!database) return null;
  const dataDir = mkdtempSync(join(tmpdir(), 'palisade-server-'));
  const config = loadServerConfig({ port: 0, dataDir, databaseUrl: database.url, adminPassword: ADMIN_PASSWORD, logLevel: 'silent', ...options.env });
  const server = await startServer(config, { log: pino({ level: 'silent' }), ...(options.clock ? { clock: options.clock } : {}) });
  return {
    server,
    url: server.url,
    dataDir,
    close: async () => {
      await server.close();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface JsonResponse<T = Record<string, unknown>> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

/** A client like a browser tab: it remembers the session cookie the server sets. */
export class ApiClient {
  private cookie: string | null = null;

  constructor(
    readonly baseUrl: string,
    private bearer: string | null = null,
  ) {}

  async request<T = Record<string, unknown>>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse<T>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.bearer ? { authorization: `Bearer ${this.bearer}` } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0] ?? null;
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (metrics, console pages): keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = Record<string, unknown>>(path: string) {
    return this.request<T>('GET', path);
  }

  post<T = Record<string, unknown>>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body ?? {});
  }

  async login(username: string, password: string): Promise<JsonResponse> {
    return this.post('/api/v1/auth/login', { username, password });
  }
}
