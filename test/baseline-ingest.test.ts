// Baseline ingestion and its store on both databases, with the server on a clock the test moves:
// which failures raise events (high and critical, once per failure, not while ignored), ignore
// rules that expire, runs as full snapshots with their history, and malformed runs skipped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const POLICY = 'ingest_policy';
const check = (checkId: string, severity: string, result: string) => ({ policyId: POLICY, checkId, title: `check ${checkId}`, result, reason: `${result} by the test`, evidence: [{ rule: 'f:/etc/x', outcome: 'found', path: '/etc/x', line: 3, detail: 'test' }], severity });
const host = (machineId: string) => ({ machineId, hostname: machineId, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] });

for (const dialect of DIALECTS) {
  describe(`baseline ingestion on ${dialect}`, () => {
    let now = new Date('2026-03-01T10:00:00Z');
    let test: TestServer | null;
    let admin: ApiClient;
    let agent: ApiClient;
    let hostId: string;
    let otherHostId: string;
    let seq = 0;
    const send = async (data: unknown, time = now.toISOString()) => agent.post('/api/v1/agent/events', { spoolId: 'baseline-ingest-spool', events: [{ seq: ++seq, type: 'baseline.results', time, data }] });
    const events = async () => (await admin.get<{ items: { count: number; severity: string; details: { checkId: string } }[] }>(`/api/v1/events?type=baseline.failed_check&hostId=${hostId}`)).body.items.map((event) => [event.details.checkId, event.severity, event.count]).sort();
    const results = async () => (await admin.get<{ items: { checkId: string; result: string; ignored: boolean; since: string }[] }>(`/api/v1/hosts/${hostId}/baseline`)).body.items;

    beforeAll(async () => {
      test = await startTestServer(dialect, { clock: () => now });
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'ingest' })).body.token;
      const first = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', { enrollToken: token, host: host('baseline-one') });
      const second = await new ApiClient(test.url).post<{ hostId: string }>('/api/v1/agent/enroll', { enrollToken: token, host: host('baseline-two') });
      hostId = first.body.hostId;
      otherHostId = second.body.hostId;
      agent = new ApiClient(test.url, first.body.credential);
    });
    afterAll(async () => test?.close());

    it('raises high and critical failures once, skipping ignored checks until their rule expires', async (context) => {
      if (!test) return context.skip();
      const expiring = await admin.post('/api/v1/baselines/ignores', { policyId: POLICY, checkId: '2', reason: 'accepted until the change window', expiresAt: new Date(now.getTime() + 3600_000).toISOString() });
      expect(expiring.status).toBe(201);
      // A rule for another host does not cover this one.
      expect((await admin.post('/api/v1/baselines/ignores', { policyId: POLICY, checkId: '1', hostId: otherHostId, reason: 'other host only' })).status).toBe(201);
      const run = { policies: [POLICY], results: [check('1', 'high', 'failed'), check('2', 'critical', 'failed'), check('3', 'low', 'failed'), check('4', 'high', 'passed'), check('5', 'medium', 'not_applicable')] };
      expect((await send(run)).status).toBe(200);
      expect(await events()).toEqual([['1', 'high', 1]]);
      expect((await results()).map((row) => [row.checkId, row.result, row.ignored])).toEqual([
        ['2', 'failed', true],
        ['1', 'failed', false],
        ['3', 'failed', false],
        ['5', 'not_applicable', false],
        ['4', 'passed', false],
      ]);
      const summary = await admin.get<{ items: { checkId: string; affectedHosts: number; ignoredHosts: number; passRate: number | null }[] }>(`/api/v1/baselines/checks?policyId=${POLICY}&failing=true`);
      expect(summary.body.items.map((row) => [row.checkId, row.affectedHosts, row.ignoredHosts, row.passRate])).toEqual([
        ['1', 1, 0, 0],
        ['3', 1, 0, 0],
      ]);

      const policies = await admin.get<{ items: unknown[] }>('/api/v1/baselines/policies');
      expect(policies.body.items).toEqual([{ policyId: POLICY, checks: 5, hosts: 1, passed: 1, failed: 3, notApplicable: 1, affected: 2, passRate: 0.25 }]);

      now = new Date(now.getTime() + 2 * 3600_000); // the rule on check 2 has expired
      expect((await send(run)).status).toBe(200);
      expect(await events()).toEqual([['1', 'high', 1], ['2', 'critical', 1]]);
      expect((await results()).find((row) => row.checkId === '2')).toMatchObject({ ignored: false, since: '2026-03-01T10:00:00.000Z' });
    });

    it('treats a run as a full snapshot and keeps every run in the history', async (context) => {
      if (!test) return context.skip();
      now = new Date(now.getTime() + 3600_000);
      await send({ policies: [POLICY], results: [check('1', 'high', 'passed'), check('2', 'critical', 'failed'), check('4', 'high', 'passed')] });
      expect((await results()).map((row) => [row.checkId, row.result])).toEqual([
        ['2', 'failed'],
        ['1', 'passed'],
        ['4', 'passed'],
      ]);
      const history = await admin.get<{ items: { at: string; passed: number; failed: number; notApplicable: number; failedChecks: string[] }[]; total: number }>(`/api/v1/hosts/${hostId}/baseline/history`);
      expect(history.body.total).toBe(3);
      expect(history.body.items.map((run) => [run.at, run.passed, run.failed, run.notApplicable])).toEqual([
        ['2026-03-01T13:00:00.000Z', 2, 1, 0],
        ['2026-03-01T12:00:00.000Z', 1, 3, 1],
        ['2026-03-01T10:00:00.000Z', 1, 3, 1],
      ]);
      expect(history.body.items[0]!.failedChecks).toEqual([`${POLICY}/2`]);
      // Check 1 passed in between: failing again is a new failure and counts on its pending event.
      now = new Date(now.getTime() + 3600_000);
      await send({ policies: [POLICY], results: [check('1', 'high', 'failed'), check('2', 'critical', 'failed'), check('4', 'high', 'passed')] });
      expect(await events()).toEqual([['1', 'high', 2], ['2', 'critical', 1]]);
    });

    it('skips malformed runs without failing the batch, and a clock far ahead falls back to reception time', async (context) => {
      if (!test) return context.skip();
      const before = (await admin.get<{ total: number }>(`/api/v1/hosts/${hostId}/baseline/history`)).body.total;
      expect((await send({ policies: [POLICY], results: 'all good' })).status).toBe(200);
      expect((await send({ policies: [POLICY], results: [{ ...check('1', 'high', 'failed'), result: 'maybe' }] })).status).toBe(200);
      expect((await send({ policies: [POLICY], results: [{ ...check('1', 'high', 'failed'), severity: 'apocalyptic' }] })).status).toBe(200);
      expect((await admin.get<{ total: number }>(`/api/v1/hosts/${hostId}/baseline/history`)).body.total).toBe(before);
      await send({ policies: [POLICY], results: [check('4', 'high', 'passed')] }, '2030-01-01T00:00:00Z');
      const latest = await admin.get<{ items: { at: string; receivedAt: string }[] }>(`/api/v1/hosts/${hostId}/baseline/history?limit=1`);
      expect(latest.body.items[0]).toEqual(expect.objectContaining({ at: now.toISOString(), receivedAt: now.toISOString() }));
    });

    it('counts a check sent twice in one run (two policy files with one id) once', async (context) => {
      if (!test) return context.skip();
      const twice = { ...check('9', 'critical', 'failed'), policyId: 'twice_policy' };
      expect((await send({ policies: ['twice_policy'], results: [twice, { ...twice, result: 'passed' }] })).status).toBe(200);
      expect((await results()).map((row) => [row.checkId, row.result])).toEqual([['9', 'failed']]);
      expect(await events()).toEqual([['1', 'high', 2], ['2', 'critical', 1], ['9', 'critical', 1]]);
      const latest = await admin.get<{ items: { passed: number; failed: number }[] }>(`/api/v1/hosts/${hostId}/baseline/history?limit=1`);
      expect(latest.body.items[0]).toMatchObject({ passed: 0, failed: 1 });
    });
  });
}
