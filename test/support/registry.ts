// A real registry for tests: Debian's `docker-registry` (distribution 2.8) on a loopback port
// with a temp config, either with htpasswd basic auth or with token auth served by a small token
// server written here (RS256 JWTs whose x5c certificate the registry trusts). Nothing is mocked:
// the client under test talks to the real distribution code.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, get as httpGet, type Server } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServiceCheck } from './services.js';

export function registryAvailable(): ServiceCheck {
  for (const tool of ['docker-registry', 'htpasswd', 'openssl']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      return { available: false, reason: `${tool} is not installed (Debian packages docker-registry, apache2-utils, openssl)` };
    }
  }
  return { available: true, reason: '' };
}

export interface TestRegistry {
  /** host:port, as used in image references. */
  readonly host: string;
  readonly username: string;
  readonly password: string;
  /** Token requests the token server answered (token mode). */
  readonly tokenRequests: string[];
  stop(): Promise<void>;
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Token server of the distribution token spec: Basic-authenticated GET /token → {"token"}. */
function tokenServer(dir: string, username: string, password: string, requests: string[], anonymousPull: boolean): Server {
  const key = readFileSync(join(dir, 'key.pem'));
  const certificate = readFileSync(join(dir, 'cert.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, '');
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://token');
    requests.push(url.search);
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
    const anonymous = request.headers.authorization === undefined;
    if (request.headers.authorization !== expected && !(anonymous && anonymousPull)) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    // Like Docker Hub: anyone may pull, only the user may push.
    const access = (url.searchParams.getAll('scope') ?? []).flatMap((scope) => {
      const [type, name, actions] = scope.split(':');
      const granted = (actions ?? '').split(',').filter((action) => !anonymous || action === 'pull');
      return type && name && granted.length > 0 ? [{ type, name, actions: granted }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const headerPart = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [certificate] }));
    const claims = base64url(
      JSON.stringify({ iss: 'palisade-test-issuer', sub: username, aud: url.searchParams.get('service'), exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }),
    );
    const signature = createSign('RSA-SHA256').update(`${headerPart}.${claims}`).sign(key);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${headerPart}.${claims}.${base64url(signature)}` }));
  });
}

/** Any HTTP answer from /v2/ (200 or 401) means the registry is up. */
function ping(port: number, tls: boolean): Promise<boolean> {
  return new Promise((resolve) => {
    const request = (tls ? httpsGet : httpGet)({ host: '127.0.0.1', port, path: '/v2/', rejectUnauthorized: false, timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200 || response.statusCode === 401);
    });
    request.on('error', () => resolve(false));
    request.on('timeout', () => request.destroy());
  });
}

async function waitForRegistry(port: () => number, child: ChildProcess, log: () => string, tls: boolean): Promise<void> {
  for (let tries = 0; tries < 100; tries += 1) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log()}`);
    if (port() !== 0 && (await ping(port(), tls))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`docker-registry did not start: ${log()}`);
}

/** A self-signed certificate for 127.0.0.1, as a registry without a CA would have. */
function selfSignedCertificate(dir: string): { certificate: string; key: string } {
  const certificate = join(dir, 'tls.crt');
  const key = join(dir, 'tls.key');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', certificate, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { certificate, key };
}

export async function startRegistry(auth: 'basic' | 'token' | 'none', options: { tls?: boolean; anonymousPull?: boolean; deletable?: boolean } = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'palisade-registry-'));
  const username = 'palisade';
  const password = 'test-secret-42';
  const tokenRequests: string[] = [];
  let tokens: Server | undefined;
  let authConfig = '';
  if (auth === 'basic') {
    writeFileSync(join(dir, 'htpasswd'), execFileSync('htpasswd', ['-Bbn', username, password]));
    authConfig = `auth:\n  htpasswd:\n    realm: palisade-test\n    path: ${join(dir, 'htpasswd')}\n`;
  } else if (auth === 'token') {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=palisade-token'], { stdio: 'ignore' });
    tokens = tokenServer(dir, username, password, tokenRequests, options.anonymousPull === true);
    const tokenPort = await listen(tokens);
    authConfig = `auth:\n  token:\n    realm: http://127.0.0.1:${tokenPort}/token\n    service: palisade-registry\n    issuer: palisade-test-issuer\n    rootcertbundle: ${join(dir, 'cert.pem')}\n`;
  }
  const tls = options.tls ? selfSignedCertificate(dir) : undefined;
  // Manifest deletion is off in distribution unless asked for (tests that remove tags ask).
  const deleteConfig = options.deletable ? '  delete:\n    enabled: true\n' : '';
  const tlsConfig = tls ? `  tls:\n    certificate: ${tls.certificate}\n    key: ${tls.key}\n` : '';
  // Port 0: the registry binds a free port itself and logs it, so parallel test files never
  // race for one (picking a port first and binding it later could hand two registries the same).
  writeFileSync(
    join(dir, 'config.yml'),
    `version: 0.1\nlog:\n  level: info\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n${deleteConfig}http:\n  addr: 127.0.0.1:0\n${tlsConfig}${authConfig}`,
  );
  const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  let port = 0;
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-8000);
    port ||= Number(/listening on 127\.0\.0\.1:(\d+)/.exec(stderr)?.[1] ?? 0);
  });
  await waitForRegistry(() => port, child, () => stderr, tls !== undefined);
  return {
    host: `127.0.0.1:${port}`,
    username,
    password,
    tokenRequests,
    async stop() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
      if (tokens) await new Promise((resolve) => tokens?.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
