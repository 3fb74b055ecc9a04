// The agent's HTTP exchange against real servers on loopback: plain HTTP with every way an
// exchange can end badly, and HTTPS with a certificate the agent trusts or does not.
import { execFile, execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../test/support/processes.js';
import { httpCall, HttpCallError } from './http-call.js';

let server: http.Server;
let base: string;
const received: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    // The client drops some exchanges on purpose.
    request.on('error', () => undefined);
    response.on('error', () => undefined);
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const path = request.url ?? '';
      if (path === '/echo') response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ got: body }));
      else if (path === '/missing') response.writeHead(404).end('{"error":{"message":"no such thing"}}');
      else if (path === '/silent') return; // never answers
      else if (path === '/large') response.writeHead(200).end(Buffer.alloc(4096, 'a'));
      else if (path === '/cut') {
        response.writeHead(200, { 'content-length': '1000' });
        response.write('only part of it');
        setTimeout(() => response.socket?.destroy(), 20);
      } else response.writeHead(500).end('unexpected');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('httpCall over HTTP', () => {
  it('sends the body and headers and returns status and text', async () => {
    const answer = await httpCall(new URL(`${base}/echo`), { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{"é":1}', timeoutMs: 5000 });
    expect(answer).toEqual({ status: 200, text: JSON.stringify({ got: '{"é":1}' }) });
    const last = received.at(-1);
    expect(last).toMatchObject({ method: 'POST', url: '/echo', body: '{"é":1}' });
    expect(last?.headers).toMatchObject({ authorization: 'Bearer x', 'content-length': String(Buffer.byteLength('{"é":1}')) });
  });

  it('returns an error status as an answer, for the caller to read', async () => {
    expect(await httpCall(new URL(`${base}/missing`), { method: 'GET', headers: {}, timeoutMs: 5000 })).toEqual({ status: 404, text: '{"error":{"message":"no such thing"}}' });
  });

  it('gives up on a server that does not answer in time', async () => {
    await expect(httpCall(new URL(`${base}/silent`), { method: 'GET', headers: {}, timeoutMs: 200 })).rejects.toThrow('GET /silent: no answer within 200 ms');
  });

  it('stops when the caller aborts, and leaves no listener on a long-lived signal', async () => {
    const stopping = new AbortController();
    // Many finished exchanges on one signal, as the agent's stop signal sees over its life.
    for (let i = 0; i < 30; i++) await httpCall(new URL(`${base}/echo`), { method: 'POST', headers: {}, body: String(i), timeoutMs: 5000, signal: stopping.signal });
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
    const pending = httpCall(new URL(`${base}/silent`), { method: 'GET', headers: {}, timeoutMs: 60_000, signal: stopping.signal });
    setTimeout(() => stopping.abort(), 50);
    await expect(pending).rejects.toThrow('GET /silent: aborted');
    expect(getEventListeners(stopping.signal, 'abort')).toHaveLength(0);
    await expect(httpCall(new URL(`${base}/echo`), { method: 'GET', headers: {}, timeoutMs: 5000, signal: stopping.signal })).rejects.toThrow('aborted');
  });

  it('refuses an answer larger than its limit', async () => {
    await expect(httpCall(new URL(`${base}/large`), { method: 'GET', headers: {}, timeoutMs: 5000, maxBytes: 1000 })).rejects.toThrow('answer larger than 1000 bytes');
    expect((await httpCall(new URL(`${base}/large`), { method: 'GET', headers: {}, timeoutMs: 5000 })).text).toHaveLength(4096);
  });

  it('fails on a connection cut mid-answer, and on a server that is not there', async () => {
    await expect(httpCall(new URL(`${base}/cut`), { method: 'GET', headers: {}, timeoutMs: 5000 })).rejects.toThrow(HttpCallError);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(httpCall(new URL(`http://127.0.0.1:${port}/`), { method: 'GET', headers: {}, timeoutMs: 5000 })).rejects.toThrow(/GET \/: connect ECONNREFUSED/);
  });

  it('refuses a URL that is not http or https', async () => {
    await expect(httpCall(new URL('ftp://127.0.0.1/'), { method: 'GET', headers: {}, timeoutMs: 5000 })).rejects.toThrow('unsupported protocol ftp:');
  });
});

describe('httpCall over HTTPS', () => {
  let dir: string;
  let tlsServer: https.Server;
  let tlsBase: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'palisade-tls-'));
    // A certificate for 127.0.0.1 made here; trusted only where the test says so.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1', '-subj', '/CN=palisade test', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    tlsServer = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (_request, response) => response.end('{"secure":true}'));
    await new Promise<void>((resolve) => tlsServer.listen(0, '127.0.0.1', resolve));
    tlsBase = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    tlsServer.closeAllConnections();
    await new Promise((resolve) => tlsServer.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a server whose certificate it does not trust', async () => {
    await expect(httpCall(new URL(`${tlsBase}/`), { method: 'GET', headers: {}, timeoutMs: 5000 })).rejects.toThrow(/self-signed certificate/);
  });

  it('talks to it once the certificate is trusted (NODE_EXTRA_CA_CERTS, as an operator sets it for the agent)', async () => {
    const script = `import { httpCall } from './src/agent/http-call.ts';
      const answer = await httpCall(new URL(${JSON.stringify(`${tlsBase}/`)}), { method: 'GET', headers: {}, timeoutMs: 5000 });
      process.stdout.write(JSON.stringify(answer));`;
    // Another process, since Node reads NODE_EXTRA_CA_CERTS only when it starts; not a blocking
    // call, since the server answering it runs in this one.
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, env: { ...process.env, NODE_EXTRA_CA_CERTS: join(dir, 'cert.pem') } });
    expect(JSON.parse(stdout)).toEqual({ status: 200, text: '{"secure":true}' });
  });
});
