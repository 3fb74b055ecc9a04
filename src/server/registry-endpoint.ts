// How the server reaches one of a tenant's registries: host and port from its URL, the sealed
// password opened, plain HTTP or unverified TLS only when the registry says so, and errors worded
// for the console (the client's hints name the command line's flags).
import { withLimits } from '../image/limits.js';
import type { Credentials } from '../image/registry-auth.js';
import { RegistryClient } from '../image/registry-client.js';
import type { SecretBox } from './secret-box.js';
import { passwordBinding, type RegistryRow } from './store/registries.js';

export interface RegistryEndpoint {
  /** host:port as image references and the client use it. */
  readonly host: string;
  /** Plain HTTP (an http:// URL) or TLS without verification (tlsVerify off). */
  readonly insecure: boolean;
  readonly credentials?: Credentials;
}

export function endpointOf(row: RegistryRow, secrets: SecretBox): RegistryEndpoint {
  const url = new URL(row.url);
  const password = row.sealed_password === null ? '' : secrets.open(row.sealed_password, passwordBinding(row));
  const anonymous = row.username === '' && password === '';
  return {
    host: url.host,
    insecure: url.protocol === 'http:' || row.tls_verify === 0,
    ...(anonymous ? {} : { credentials: { username: row.username, password } }),
  };
}

/** A client for syncing: few retries, so a registry that is down is reported without a long wait. */
export function syncClient(endpoint: RegistryEndpoint): RegistryClient {
  return new RegistryClient(endpoint.host, {
    limits: withLimits(),
    insecure: endpoint.insecure,
    timeoutMs: 20_000,
    retries: 1,
    backoffMs: 250,
    ...(endpoint.credentials ? { credentials: endpoint.credentials } : {}),
  });
}

/** The message a user of the console can act on; never the credentials (the client never puts them in). */
export function describeRegistryError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const worded = message
    .replace(/: pass --username\/--password or --docker-config/, ": set the registry's username and password")
    .replace(/ \(--username\/--password or --docker-config\)/, " (set the registry's username and password)")
    .replace(/\(pass --insecure[^)]*\)/, '(turn off TLS verification for this registry if that is intended)');
  return worded.length <= 500 ? worded : `${worded.slice(0, 500)}…`;
}
