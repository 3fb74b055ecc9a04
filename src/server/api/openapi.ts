// The OpenAPI 3.1 document, built from the same route list and zod schemas that serve requests,
// so it cannot drift from what the server does.
import { z } from 'zod';
import { ErrorBody } from '../../model/common.js';
import { PALISADE_VERSION } from '../../version.js';
import type { AnyRoute } from './route.js';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, Record<string, unknown>>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

export function buildOpenApi(routes: readonly AnyRoute[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = { description: 'error', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } };
  for (const route of routes) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method.toLowerCase()}${path.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      security: route.access === 'public' ? [] : route.access === 'agent' ? [{ agentCredential: [] }] : [{ session: [] }, { apiToken: [] }],
      responses: {
        [String(route.status ?? 200)]: { description: 'success', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } },
        default: errorResponse,
      },
    };
    if (route.access !== 'public' && route.access !== 'agent') operation['x-palisade-permission'] = route.access;
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Palisade API', version: PALISADE_VERSION, description: 'Self-hosted workload protection: fleet, agents, findings and events.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'palisade_session' },
        apiToken: { type: 'http', scheme: 'bearer', description: 'an API token (pat_…)' },
        agentCredential: { type: 'http', scheme: 'bearer', description: 'the per-agent credential (pag_…) issued at enrollment' },
      },
    },
    paths,
  };
}
