// The HTTP server: Fastify with the API routes, health and metrics endpoints, the OpenAPI
// document, and the console's static files. Every error leaves in the one error shape.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyError, FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { ErrorBody } from '../model/common.js';
import { ApiError } from './api/errors.js';
import { apiRoutes } from './api/index.js';
import { buildOpenApi } from './api/openapi.js';
import { DEFAULT_BODY_LIMIT, registerRoutes } from './api/register-routes.js';
import type { AnyRoute } from './api/route.js';
import type { ServerContext } from './context.js';

/** The built console, beside src/ and dist/ alike (both are one level below the package root). */
export const CONSOLE_DIR = fileURLToPath(new URL('../../console/dist/', import.meta.url));

function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

/** Fastify's own client errors (bad JSON, body too large, wrong content type) mapped to stable codes. */
function fastifyErrorCode(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'invalid_request';
    default:
      return error.statusCode === 400 ? 'invalid_json' : 'invalid_request';
  }
}

export async function buildApp(server: ServerContext, routes: readonly AnyRoute[] = apiRoutes): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: server.log as FastifyBaseLogger,
    // Heartbeats would flood the log with one line per request; errors are logged below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Agents behind NAT send from one address; the console's login limiter keys on it.
    trustProxy: false,
    return503OnClosing: true,
  });
  await app.register(cookie);

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.status).send(errorBody(error.code, error.message, error.details));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(errorBody(fastifyErrorCode(error), error.message));
    }
    request.log.error({ err: error, url: request.url }, 'request failed');
    return reply.code(500).send(errorBody('internal', 'internal server error'));
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unknown';
    server.metrics.httpRequests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  registerRoutes(app, server, routes);

  const openApi = buildOpenApi(routes);
  app.get('/api/v1/openapi.json', async () => openApi);
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await sql`select 1`.execute(server.store.db);
      return { status: 'ready' };
    } catch (error) {
      return reply.code(503).send(errorBody('not_ready', `store unavailable: ${(error as Error).message}`));
    }
  });
  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', server.metrics.registry.contentType);
    return server.metrics.registry.metrics();
  });

  const hasConsole = existsSync(`${CONSOLE_DIR}index.html`);
  if (hasConsole) await app.register(fastifyStatic, { root: CONSOLE_DIR, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    // The console is a single-page app: its routes (/hosts/…) all load index.html.
    if (hasConsole && request.method === 'GET' && !path.startsWith('/api/') && !path.includes('.')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send(errorBody('not_found', `no route ${request.method} ${path}`));
  });
  return app;
}
