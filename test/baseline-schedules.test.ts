// Baseline schedules, command trust and per-check history end to end with the real agent on this
// machine, on both databases: a schedule's run reaches the agent as an order with its policies,
// the agent runs command rules of trusted policies only (an untrusted one would leave a trace
// file), a partial run keeps other policies' results, and each scan lands in the check's history.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../src/agent/daemon.js';
import type { RunningAgent } from '../src/agent/daemon.js';
import { loadAgentState } from '../src/agent/state.js';
import { runDueSchedules } from '../src/server/jobs/baseline-schedules.js';
import { waitFor } from './support/processes.js';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

interface Check {
  policyId: string;
  checkId: string;
  result: string;
  reason: string;
}
interface Schedule {
  id: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  enabled: boolean;
}

const filePolicy = (dir: string) => `policy:
  id: "sched_files"
  file: "files.yml"
  name: "Schedule fixture: files"
  description: "Reads a file the test writes."
checks:
  - id: 1
    title: "Fixture feature is off"
    severity: high
    condition: all
    rules:
      - 'f:${dir}/app.conf -> r:^feature off$'
`;

/** One check that runs `touch`: the trace file exists afterwards only if the command ran. */
const commandPolicy = (id: string, trace: string) => `policy:
  id: "${id}"
  file: "${id}.yml"
  name: "Schedule fixture: ${id}"
  description: "Leaves a trace file when its command runs."
checks:
  - id: 1
    title: "Command of ${id} ran"
    severity: low
    condition: all
    rules:
      - 'c:touch ${trace}'
`;

for (const dialect of DIALECTS) {
  describe(`baseline schedules and command trust with a live agent (${dialect})`, () => {
    let test: TestServer | null;
    let agent: RunningAgent;
    let admin: ApiClient;
    let viewer: ApiClient;
    let hostId: string;
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-schedules-'));
    const policies = join(dir, 'policies');
    const trustedTrace = join(dir, 'trusted-ran');
    const untrustedTrace = join(dir, 'untrusted-ran');
    const results = async () => (await admin.get<{ items: Check[] }>(`/api/v1/hosts/${hostId}/baseline`)).body.items;
    const result = async (policyId: string) => (await results()).find((item) => item.policyId === policyId);
    const jobDeps = () => ({ db: test!.server.context.store.db, bus: test!.server.context.bus, log: pino({ level: 'silent' }) });

    const orderIds = async () => (await admin.get<{ items: { id: string }[] }>(`/api/v1/hosts/${hostId}/orders`)).body.items.map((item) => item.id);
    const runCount = async () => (await admin.get<{ total: number }>(`/api/v1/hosts/${hostId}/baseline/history?limit=1`)).body.total;

    /**
     * Does `act` (which orders one scan), waits until the agent reports that order done and the
     * run it made is stored. Orders are told apart by id and runs by count, not by time: the
     * schedule job runs on a clock the test sets ahead.
     */
    async function scanned(act: () => Promise<unknown>): Promise<void> {
      const [ordersBefore, runsBefore] = [new Set(await orderIds()), await runCount()];
      await act();
      const order = await waitFor(
        'baseline order done',
        async () => (await admin.get<{ items: { id: string; status: string; result: Record<string, unknown> }[] }>(`/api/v1/hosts/${hostId}/orders`)).body.items.find((item) => !ordersBefore.has(item.id) && (item.status === 'done' || item.status === 'failed')),
        60_000,
        100,
      );
      expect(order.status, JSON.stringify(order.result)).toBe('done');
      await waitFor('baseline run stored', async () => (await runCount()) > runsBefore, 60_000, 100);
    }

    beforeAll(async () => {
      test = await startTestServer(dialect);
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      expect((await admin.post('/api/v1/users', { username: 'sched-viewer', password: 'viewer password!', role: 'viewer' })).status).toBe(201);
      viewer = new ApiClient(test.url);
      await viewer.login('sched-viewer', 'viewer password!');
      mkdirSync(policies, { recursive: true });
      writeFileSync(join(dir, 'app.conf'), 'feature on\n');
      writeFileSync(join(policies, 'files.yml'), filePolicy(dir));
      writeFileSync(join(policies, 'trusted.yml'), commandPolicy('trusted_commands', trustedTrace));
      writeFileSync(join(policies, 'untrusted.yml'), commandPolicy('untrusted_commands', untrustedTrace));
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'schedules' })).body.token;
      agent = await startAgent({ serverUrl: test.url, enrollToken: token, dataDir: join(dir, 'agent'), log: pino({ level: 'silent' }), inventory: false, logins: false, baselinePolicies: [policies] });
      hostId = agent.hostId;
    }, 60_000);
    afterAll(async () => {
      await agent?.stop();
      await test?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('runs no command before the operator trusts a policy', async (context) => {
      if (!test) return context.skip();
      await scanned(async () => {
        const order = await admin.post<{ payload: Record<string, unknown> }>(`/api/v1/hosts/${hostId}/orders`, { kind: 'baseline_scan' });
        expect(order.status).toBe(201);
        expect(order.body.payload).toEqual({ trustedPolicies: [] });
      });
      expect(existsSync(trustedTrace)).toBe(false);
      expect(existsSync(untrustedTrace)).toBe(false);
      for (const policyId of ['trusted_commands', 'untrusted_commands']) {
        const check = await result(policyId);
        expect(check).toMatchObject({ result: 'not_applicable' });
        expect(check!.reason).toContain(`policy ${policyId} is not trusted to run commands`);
      }
      expect(await result('sched_files')).toMatchObject({ result: 'failed' });
    }, 120_000);

    it('an order cannot widen trust; only a manager changes it, audited', async (context) => {
      if (!test) return context.skip();
      const widened = await admin.post<{ error: { message: string } }>(`/api/v1/hosts/${hostId}/orders`, { kind: 'baseline_scan', payload: { trustedPolicies: ['untrusted_commands'] } });
      expect(widened.status).toBe(400);
      expect(widened.body.error.message).toContain('trustedPolicies');
      expect((await viewer.request('PUT', '/api/v1/baselines/trusted-policies', { policyId: 'trusted_commands', trusted: true })).status).toBe(403);
      const trusted = await admin.request<{ trusted: boolean; changedBy: string }>('PUT', '/api/v1/baselines/trusted-policies', { policyId: 'trusted_commands', trusted: true });
      expect(trusted.status).toBe(200);
      expect(trusted.body).toMatchObject({ trusted: true, changedBy: 'admin' });
      expect((await viewer.get<{ items: { policyId: string; trusted: boolean }[] }>('/api/v1/baselines/trusted-policies')).body.items).toEqual([expect.objectContaining({ policyId: 'trusted_commands', trusted: true })]);
      const audit = await admin.get<{ items: { action: string; targetId: string }[] }>('/api/v1/audit?limit=5');
      expect(audit.body.items[0]).toMatchObject({ action: 'baseline.policy_trusted', targetId: 'trusted_commands' });
    });

    it("a due schedule orders its policies; the agent runs the trusted policy's command only and keeps the other results", async (context) => {
      if (!test) return context.skip();
      expect((await viewer.post('/api/v1/baselines/schedules', { name: 'hourly', intervalHours: 1 })).status).toBe(403);
      expect((await admin.post('/api/v1/baselines/schedules', { name: 'both', intervalHours: 1, dailyAt: '03:00' })).status).toBe(400);
      expect((await admin.post('/api/v1/baselines/schedules', { name: 'neither' })).status).toBe(400);
      expect((await admin.post('/api/v1/baselines/schedules', { name: 'bad time', dailyAt: '25:00' })).status).toBe(400);
      expect((await admin.post('/api/v1/baselines/schedules', { name: 'ghost host', intervalHours: 1, hostIds: ['no-such-host'] })).status).toBe(400);
      const created = await admin.post<Schedule>('/api/v1/baselines/schedules', { name: 'commands hourly', policies: ['trusted_commands', 'untrusted_commands'], hostIds: [hostId], intervalHours: 1 });
      expect(created.status).toBe(201);
      const schedule = created.body;

      // The heartbeat tells the agent what is trusted, and whether a schedule of every policy
      // covers it (then its own daily run stops); one of some policies does not.
      const credential = loadAgentState(join(dir, 'agent'))!.credential;
      const heartbeat = async () =>
        (await new ApiClient(test!.url, credential).post<{ baseline: unknown }>('/api/v1/agent/heartbeat', { host: { machineId: 'x', hostname: 'x', ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] } })).body.baseline;
      expect(await heartbeat()).toEqual({ trustedPolicies: ['trusted_commands'], serverScheduled: false });
      const everything = await admin.post<Schedule>('/api/v1/baselines/schedules', { name: 'everything nightly', dailyAt: '01:00' });
      expect(await heartbeat()).toEqual({ trustedPolicies: ['trusted_commands'], serverScheduled: true });
      expect((await admin.request('DELETE', `/api/v1/baselines/schedules/${everything.body.id}`)).status).toBe(200);

      const before = (await orderIds()).length;
      expect(await runDueSchedules(jobDeps(), new Date(Date.parse(schedule.nextRunAt!) - 1000))).toEqual({ schedules: 0, orders: 0 });
      expect(await orderIds()).toHaveLength(before);
      await scanned(async () => expect(await runDueSchedules(jobDeps(), new Date(schedule.nextRunAt!))).toEqual({ schedules: 1, orders: 1 }));
      expect(existsSync(trustedTrace)).toBe(true);
      expect(existsSync(untrustedTrace)).toBe(false);
      expect(await result('trusted_commands')).toMatchObject({ result: 'passed' });
      expect((await result('untrusted_commands'))!.reason).toContain('not trusted to run commands');
      // The partial run did not touch the file policy's result.
      expect(await result('sched_files')).toMatchObject({ result: 'failed' });
    }, 120_000);

    it("keeps the check's results as intervals in its history, with the trend and pass rates per host and policy", async (context) => {
      if (!test) return context.skip();
      const history = await viewer.get<{ items: { hostId: string; result: string; firstSeenAt: string; lastSeenAt: string; scans: number }[]; total: number }>('/api/v1/baselines/history?policyId=trusted_commands&checkId=1');
      expect(history.status).toBe(200);
      expect(history.body.items.map((entry) => [entry.hostId, entry.result, entry.scans])).toEqual([
        [hostId, 'passed', 1],
        [hostId, 'not_applicable', 1],
      ]);
      // A day counts each host by its last scan of the day: the one that passed.
      const trend = await viewer.get<{ items: { passed: number; notApplicable: number; passRate: number | null }[] }>('/api/v1/baselines/trend?policyId=trusted_commands&checkId=1');
      expect(trend.body.items.at(-1)).toMatchObject({ passed: 1, notApplicable: 0, passRate: 1 });
      const hosts = await viewer.get<{ items: { hostId: string; passed: number; failed: number; passRate: number }[] }>('/api/v1/baselines/hosts');
      expect(hosts.body.items).toEqual([expect.objectContaining({ hostId, passed: 1, failed: 1, passRate: 0.5 })]);
      const perPolicy = await viewer.get<{ items: { policyId: string; passRate: number | null }[] }>(`/api/v1/baselines/policies?hostId=${hostId}`);
      expect(perPolicy.body.items.map((row) => [row.policyId, row.passRate])).toEqual([
        ['sched_files', 0],
        ['trusted_commands', 1],
        ['untrusted_commands', null],
      ]);
    });

    it('runs a schedule now, edits, disables and deletes it, all audited', async (context) => {
      if (!test) return context.skip();
      const [schedule] = (await viewer.get<{ items: Schedule[] }>('/api/v1/baselines/schedules')).body.items;
      writeFileSync(join(dir, 'app.conf'), 'feature off\n');
      const patched = await admin.request<Schedule>('PATCH', `/api/v1/baselines/schedules/${schedule!.id}`, { policies: ['sched_files'], dailyAt: '02:00' });
      expect(patched.status).toBe(200);
      expect(patched.body).toMatchObject({ policies: ['sched_files'], dailyAt: '02:00', intervalHours: null });
      expect(patched.body.nextRunAt).toMatch(/T02:00:00.000Z$/);
      await scanned(async () => {
        const run = await admin.post<{ orders: number; schedule: Schedule }>(`/api/v1/baselines/schedules/${schedule!.id}/run`);
        expect(run.status).toBe(200);
        expect(run.body.orders).toBe(1);
        expect(run.body.schedule.nextRunAt).toBe(patched.body.nextRunAt);
      });
      expect(await result('sched_files')).toMatchObject({ result: 'passed' });
      expect(await result('trusted_commands')).toMatchObject({ result: 'passed' });

      expect((await admin.request<Schedule>('PATCH', `/api/v1/baselines/schedules/${schedule!.id}`, { enabled: false })).body).toMatchObject({ enabled: false, nextRunAt: null });
      expect((await admin.request('PATCH', `/api/v1/baselines/schedules/${schedule!.id}`, { intervalHours: 2, dailyAt: '01:00' })).status).toBe(400);
      expect((await admin.request('DELETE', `/api/v1/baselines/schedules/${schedule!.id}`)).status).toBe(200);
      expect((await admin.request('DELETE', `/api/v1/baselines/schedules/${schedule!.id}`)).status).toBe(404);
      expect((await admin.post(`/api/v1/baselines/schedules/${schedule!.id}/run`)).status).toBe(404);
      const audit = await admin.get<{ items: { action: string; targetId: string }[] }>('/api/v1/audit?limit=50');
      expect(audit.body.items.filter((entry) => entry.targetId === schedule!.id).map((entry) => entry.action)).toEqual([
        'baseline.schedule_deleted',
        'baseline.schedule_updated',
        'baseline.schedule_run',
        'baseline.schedule_updated',
        'baseline.schedule_created',
      ]);
    }, 120_000);

    it('an order waiting for an away host carries the trust of when it is taken, not of when it was made', async (context) => {
      if (!test) return context.skip();
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'away host' })).body.token;
      const away = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token,
        host: { machineId: 'away-host', hostname: 'away-host', ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
      });
      const ordered = await admin.post<{ payload: { trustedPolicies: string[] } }>(`/api/v1/hosts/${away.body.hostId}/orders`, { kind: 'baseline_scan', payload: { policies: ['trusted_commands'] } });
      expect(ordered.body.payload.trustedPolicies).toEqual(['trusted_commands']);
      expect((await admin.request('PUT', '/api/v1/baselines/trusted-policies', { policyId: 'trusted_commands', trusted: false })).status).toBe(200);
      const taken = await new ApiClient(test.url, away.body.credential).get<{ orders: { kind: string; payload: Record<string, unknown> }[] }>('/api/v1/agent/orders?wait=0');
      expect(taken.body.orders).toEqual([expect.objectContaining({ kind: 'baseline_scan', payload: { policies: ['trusted_commands'], trustedPolicies: [] } })]);
    });
  });
}
