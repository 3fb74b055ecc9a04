// Intrusion detection end to end on a real server: the real agent follows an auth log that the
// test appends sshd lines to (fail2ban's corpus messages with fresh timestamps), and the server
// turns them into events: a brute force after 5 failures from one address within 60 s, a
// critical cracked password when that address then logs in, nothing for a whitelisted network,
// and whitelist rules applied to past pending events on request.
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../src/agent/daemon.js';
import type { RunningAgent } from '../src/agent/daemon.js';
import { waitFor } from './support/processes.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

interface Event {
  id: number;
  hostId: string;
  type: string;
  severity: string;
  status: string;
  title: string;
  count: number;
  details: Record<string, unknown>;
}

const corpus = (name: string) => readFileSync(new URL(`../../shared/corpora/authlogs/${name}`, import.meta.url), 'utf8').split('\n');
/** sshd's failure and success messages as the corpus has them (the header is written fresh). */
const FAILED = corpus('fail2ban-sshd.log').find((line) => line.includes('Failed password for invalid user ROOT from 194.117.26.69 port 50273 ssh2'))!.replace(/^.*?sshd\[\d+\]: /, '');
const ACCEPTED = corpus('fail2ban-sshd-head.log').find((line) => line.includes('Accepted password for rda from 192.0.2.113'))!.replace(/^.*?sshd\[\d+\]: /, '');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A syslog line in the host's local time, as rsyslog writes /var/log/auth.log. */
function syslogLine(at: Date, pid: number, message: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[at.getMonth()]} ${String(at.getDate()).padStart(2, ' ')} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())} web1 sshd[${pid}]: ${message}\n`;
}

describe('login intrusion detection end to end', () => {
  let test: TestServer | null;
  let agent: RunningAgent;
  let admin: ApiClient;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-logins-'));
  const authLog = join(dir, 'auth.log');
  let pid = 4000;

  /** Appends failures from `ip` (the corpus line, its address replaced), then optionally a success. */
  function attack(ip: string, failures: number, success: boolean): void {
    const now = new Date();
    let text = '';
    for (let i = 0; i < failures; i++) text += syslogLine(now, pid++, FAILED.replace('194.117.26.69', ip));
    if (success) text += syslogLine(now, pid++, ACCEPTED.replace('192.0.2.113', ip));
    appendFileSync(authLog, text);
  }

  async function eventOf(type: string, ip: string): Promise<Event> {
    return waitFor(`${type} from ${ip}`, async () => (await admin.get<{ items: Event[] }>(`/api/v1/events?type=${type}&q=${ip}`)).body.items[0], 60_000, 200);
  }

  beforeAll(async () => {
    test = await startTestServer('sqlite');
    if (!test) return;
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
    writeFileSync(authLog, '');
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'logins' })).body.token;
    agent = await startAgent({ serverUrl: test.url, enrollToken: token, dataDir: join(dir, 'agent'), log: pino({ level: 'silent' }), inventory: false, authLogPaths: [authLog] });
  }, 60_000);
  afterAll(async () => {
    await agent?.stop();
    await test?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('raises a brute force after 5 failures from one address, then a critical cracked password', async (context) => {
    if (!test) return context.skip();
    expect(FAILED).toBe('Failed password for invalid user ROOT from 194.117.26.69 port 50273 ssh2');
    attack('194.117.26.69', 5, false);
    const bruteForce = await eventOf('brute_force', '194.117.26.69');
    expect(bruteForce).toMatchObject({ hostId: agent.hostId, severity: 'high', status: 'pending', count: 1, details: { sourceIp: '194.117.26.69', user: 'ROOT', attempts: 5 } });
    attack('194.117.26.69', 0, true);
    const cracked = await eventOf('password_cracked', '194.117.26.69');
    expect(cracked).toMatchObject({ hostId: agent.hostId, severity: 'critical', status: 'pending', details: { sourceIp: '194.117.26.69', user: 'rda', service: 'sshd', file: authLog } });
  }, 90_000);

  it('raises nothing for a whitelisted network', async (context) => {
    if (!test) return context.skip();
    const rule = await admin.post<{ id: string; source: string }>('/api/v1/whitelists', { name: 'office', source: '203.0.113.0/24' });
    expect(rule.status).toBe(201);
    attack('203.0.113.44', 8, true);
    // Lines are processed in order: once an attack written after them is seen, they were handled.
    attack('198.51.100.99', 5, false);
    await eventOf('brute_force', '198.51.100.99');
    expect((await admin.get<{ total: number }>('/api/v1/events?q=203.0.113.44')).body.total).toBe(0);
  }, 90_000);

  it('applies a new rule to past pending events, audited, and deletes rules', async (context) => {
    if (!test) return context.skip();
    const before = (await admin.get<{ items: Event[] }>('/api/v1/events?q=194.117.26.69&status=pending')).body.items;
    expect(before.map((e) => e.type).sort()).toEqual(['abnormal_login', 'brute_force', 'password_cracked']);
    const rule = await admin.post<{ id: string }>('/api/v1/whitelists', { name: 'pentest', source: '194.117.26.69', hostIds: [agent.hostId] });
    expect(rule.status).toBe(201);
    const applied = await admin.post<{ updated: number[] }>(`/api/v1/whitelists/${rule.body.id}/apply`);
    expect(applied.status).toBe(200);
    expect(applied.body.updated.sort()).toEqual(before.map((e) => e.id).sort());
    const after = await admin.get<Event & { statusChangedBy: string }>(`/api/v1/events/${before[0]!.id}`);
    expect(after.body).toMatchObject({ status: 'whitelisted', statusChangedBy: 'admin' });
    // Other sources' events are left alone.
    expect((await admin.get<{ items: Event[] }>('/api/v1/events?q=198.51.100.99')).body.items[0]?.status).toBe('pending');
    const audit = await admin.get<{ items: { action: string; targetId: string }[] }>('/api/v1/audit');
    expect(audit.body.items.filter((entry) => entry.targetId === rule.body.id).map((entry) => entry.action).sort()).toEqual(['whitelist.applied', 'whitelist.created']);

    expect((await admin.request('DELETE', `/api/v1/whitelists/${rule.body.id}`)).status).toBe(200);
    const listed = await admin.get<{ items: { name: string }[] }>('/api/v1/whitelists');
    expect(listed.body.items.map((item) => item.name)).toEqual(['office']);
    expect((await admin.request('DELETE', `/api/v1/whitelists/${rule.body.id}`)).status).toBe(404);
  });

  it('refuses rules that cover nothing or name no address', async (context) => {
    if (!test) return context.skip();
    const empty = await admin.post<{ error: { message: string } }>('/api/v1/whitelists', { name: 'everything' });
    expect(empty.status).toBe(400);
    const bad = await admin.post<{ error: { message: string } }>('/api/v1/whitelists', { name: 'bad', source: '300.1.2.3/8' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('300.1.2.3/8');
  });
});
