// HTTP to the server: JSON in and out, a timeout on every call, the credential as a bearer token.
import { httpCall } from './http-call.js';
import type { AgentEvent, EnrollResponse, HostIdentity, Order } from '../model/host.js';

export class ServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

export class AgentTransport {
  constructor(
    readonly serverUrl: string,
    private credential: string | null = null,
  ) {}

  setCredential(credential: string): void {
    this.credential = credential;
  }

  private async call<T>(method: string, path: string, body: unknown, timeoutMs: number, signal?: AbortSignal): Promise<T> {
    const response = await httpCall(new URL(path, this.serverUrl), {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.credential ? { authorization: `Bearer ${this.credential}` } : {}),
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
      timeoutMs,
      signal,
    });
    const text = response.text;
    if (response.status < 200 || response.status > 299) {
      let message = text.slice(0, 500);
      try {
        message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
      } catch {
        // not the error shape: keep the text
      }
      throw new ServerError(response.status, `${method} ${path}: ${response.status} ${message}`);
    }
    return JSON.parse(text) as T;
  }

  enroll(enrollToken: string, host: HostIdentity): Promise<EnrollResponse> {
    return this.call('POST', '/api/v1/agent/enroll', { enrollToken, host }, 30_000);
  }

  heartbeat(host: HostIdentity): Promise<{ heartbeatSeconds: number; baseline?: unknown }> {
    return this.call('POST', '/api/v1/agent/heartbeat', { host }, 30_000);
  }

  sendEvents(spoolId: string, events: readonly AgentEvent[]): Promise<{ acked: number[]; duplicates: number }> {
    return this.call('POST', '/api/v1/agent/events', { spoolId, events }, 120_000);
  }

  pollOrders(waitSeconds: number, signal?: AbortSignal): Promise<{ orders: Order[] }> {
    return this.call('GET', `/api/v1/agent/orders?wait=${waitSeconds}`, undefined, (waitSeconds + 30) * 1000, signal);
  }

  reportOrder(orderId: string, ok: boolean, result: Record<string, unknown>): Promise<unknown> {
    return this.call('POST', `/api/v1/agent/orders/${encodeURIComponent(orderId)}/result`, { ok, result }, 30_000);
  }

  uninstall(): Promise<unknown> {
    return this.call('POST', '/api/v1/agent/uninstall', {}, 30_000);
  }
}
