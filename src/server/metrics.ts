// Prometheus metrics at /metrics: process defaults plus the server's own counters.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface ServerMetrics {
  readonly registry: Registry;
  readonly httpRequests: Histogram<'method' | 'route' | 'status'>;
  readonly ingestedEvents: Counter<'result'>;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'palisade_' });
  return {
    registry,
    httpRequests: new Histogram({
      name: 'palisade_http_request_duration_seconds',
      help: 'HTTP requests by route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.02, 0.1, 0.5, 2, 10, 30],
      registers: [registry],
    }),
    ingestedEvents: new Counter({
      name: 'palisade_agent_events_total',
      help: 'Agent events received, by result (stored or duplicate)',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}
