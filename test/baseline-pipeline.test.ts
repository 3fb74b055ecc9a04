// Security baselines end to end on this machine (issue 7 part 4): the real agent evaluates
// Palisade's default policies over the live host, plus a fixture policy over a file this test
// controls, and the server keeps the latest result per check, the run history, events for high
// severity failures (raised once per failure) and ignore rules that silence them. Both databases.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../src/agent/daemon.js';
import type { RunningAgent } from '../src/agent/daemon.js';
import { DEFAULT_POLICY_DIR } from '../src/scan/baseline-policy-files.js';
import { scanBaseline } from '../src/scan/baseline-scanner.js';
import { HostView } from '../src/view/host-view.js';
import { waitFor } from './support/processes.js';
import { DIALECTS } from './support/stores.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

interface Check {
  policyId: string;
  checkId: string;
  result: string;
  severity: string;
  ignored: boolean;
  reason: string;
  evidence: { path?: string }[];
}
interface HostBaseline {
  lastRun: { at: string; failed: number; passed: number; failedChecks: string[] } | null;
  passRate: number | null;
  items: Check[];
}
interface Event {
  id: number;
  count: number;
  severity: string;
  details: { policyId: string; checkId: string };
}
interface Summary {
  policyId: string;
  checkId: string;
  hosts: number;
  failed: number;
  affectedHosts: number;
  ignoredHosts: number;
  passRate: number | null;
}

const FIXTURE_POLICY = 'palisade_test_fixture';
const FIXTURE_CHECK = '99001';

function fixturePolicy(dir: string): string {
  return `policy:
  id: "${FIXTURE_POLICY}"
  file: "fixture.yml"
  name: "Test fixture: application root login"
  description: "Reads a configuration file the test writes."
  regex_type: pcre2

checks:
  - id: ${FIXTURE_CHECK}
    title: "Fixture application refuses root login"
    description: "root_login is no."
    rationale: "Written by the test to fail and pass on demand."
    remediation: "Set 'root_login no' in ${dir}/app.conf."
    severity: high
    condition: all
    rules:
      - 'f:${dir}/app.conf -> r:^root_login\\s+no$'
`;
}

for (const dialect of DIALECTS) {
  describe(`baseline pipeline on the live host (${dialect})`, () => {
    let test: TestServer | null;
    let agent: RunningAgent;
    let admin: ApiClient;
    let hostId: string;
    const dir = mkdtempSync(join(tmpdir(), 'palisade-baseline-'));
    const setApp = (rootLogin: 'yes' | 'no') => writeFileSync(join(dir, 'app.conf'), `# fixture\nroot_login ${rootLogin}\n`);
    const hostBaseline = async () => (await admin.get<HostBaseline>(`/api/v1/hosts/${hostId}/baseline`)).body;
    const fixture = async () => (await hostBaseline()).items.find((item) => item.policyId === FIXTURE_POLICY && item.checkId === FIXTURE_CHECK);
    const failedCheckEvents = async () => (await admin.get<{ items: Event[] }>(`/api/v1/events?type=baseline.failed_check&hostId=${hostId}&limit=500`)).body.items;
    const fixtureEvents = async () => (await failedCheckEvents()).filter((event) => event.details.policyId === FIXTURE_POLICY);

    /** "Detect now", then wait until the run it started is stored. */
    async function detectNow(): Promise<HostBaseline> {
      const order = await admin.post<{ id: string; createdAt: string }>(`/api/v1/hosts/${hostId}/orders`, { kind: 'baseline_scan' });
      expect(order.status).toBe(201);
      await waitFor('baseline order done', async () => (await admin.get<{ items: { id: string; status: string }[] }>(`/api/v1/hosts/${hostId}/orders`)).body.items.find((item) => item.id === order.body.id)?.status === 'done', 60_000, 100);
      return waitFor('baseline run stored', async () => {
        const baseline = await hostBaseline();
        return baseline.lastRun && baseline.lastRun.at >= order.body.createdAt ? baseline : null;
      }, 60_000, 100);
    }

    beforeAll(async () => {
      test = await startTestServer(dialect);
      if (!test) return;
      admin = new ApiClient(test.url);
      await admin.login('admin', ADMIN_PASSWORD);
      setApp('yes');
      writeFileSync(join(dir, 'fixture.yml'), fixturePolicy(dir));
      const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'baseline' })).body.token;
      agent = await startAgent({ serverUrl: test.url, enrollToken: token, dataDir: join(dir, 'agent'), log: pino({ level: 'silent' }), inventory: false, baselinePolicies: [DEFAULT_POLICY_DIR, join(dir, 'fixture.yml')] });
      hostId = agent.hostId;
    }, 60_000);
    afterAll(async () => {
      await agent?.stop();
      await test?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('stores the results of the default policies as the scanner sees this host', async (context) => {
      if (!test) return context.skip();
      const stored = await detectNow();
      const local = await scanBaseline(new HostView(), { now: () => new Date(), options: {}, warn: () => {} });
      const defaults = stored.items.filter((item) => item.policyId !== FIXTURE_POLICY);
      expect(defaults.length).toBe(local.length);
      expect(new Set(defaults.map((item) => item.policyId))).toEqual(new Set(['palisade_ssh_server', 'palisade_kernel_sysctl', 'palisade_file_permissions', 'palisade_password_accounts', 'palisade_services', 'palisade_audit_logging', 'palisade_docker_daemon', 'palisade_kubelet'].filter((id) => local.some((row) => row.policyId === id))));
      const byKey = new Map(defaults.map((item) => [`${item.policyId}/${item.checkId}`, item]));
      for (const row of local) expect(byKey.get(`${row.policyId}/${row.checkId}`), `${row.policyId}/${row.checkId}`).toMatchObject({ result: row.result, severity: row.severity });
      expect(stored.lastRun).toMatchObject({ failed: stored.items.filter((item) => item.result === 'failed').length, passed: stored.items.filter((item) => item.result === 'passed').length });
      const answered = stored.items.filter((item) => item.result === 'passed' || item.result === 'failed');
      expect(stored.passRate).toBeCloseTo(answered.filter((item) => item.result === 'passed').length / answered.length, 6);
    }, 120_000);

    it('raises one event per high or critical failure, and the fixture failure is one of them', async (context) => {
      if (!test) return context.skip();
      const { items } = await hostBaseline();
      const mustRaise = items.filter((item) => item.result === 'failed' && (item.severity === 'high' || item.severity === 'critical')).map((item) => `${item.policyId}/${item.checkId}`);
      expect(mustRaise).toContain(`${FIXTURE_POLICY}/${FIXTURE_CHECK}`);
      const events = await failedCheckEvents();
      expect(events.map((event) => `${event.details.policyId}/${event.details.checkId}`).sort()).toEqual(mustRaise.sort());
      const fixtureResult = await fixture();
      expect(fixtureResult).toMatchObject({ result: 'failed', severity: 'high', ignored: false });
      expect(fixtureResult!.evidence.some((evidence) => evidence.path === join(dir, 'app.conf'))).toBe(true);
      const checks = await admin.get<{ items: Summary[] }>(`/api/v1/baselines/checks?policyId=${FIXTURE_POLICY}`);
      expect(checks.body.items).toEqual([expect.objectContaining({ checkId: FIXTURE_CHECK, hosts: 1, failed: 1, affectedHosts: 1, ignoredHosts: 0, passRate: 0 })]);
      const affected = await admin.get<{ items: { hostId: string }[]; total: number }>(`/api/v1/baselines/results?policyId=${FIXTURE_POLICY}&checkId=${FIXTURE_CHECK}&result=failed`);
      expect(affected.body.items.map((item) => item.hostId)).toEqual([hostId]);
    });

    it('does not raise again while the check keeps failing, nor once it passes', async (context) => {
      if (!test) return context.skip();
      await detectNow();
      expect((await fixtureEvents()).map((event) => event.count)).toEqual([1]);
      setApp('no');
      await detectNow();
      expect(await fixture()).toMatchObject({ result: 'passed' });
      expect((await fixtureEvents()).map((event) => event.count)).toEqual([1]);
      const checks = await admin.get<{ items: Summary[] }>(`/api/v1/baselines/checks?policyId=${FIXTURE_POLICY}`);
      expect(checks.body.items[0]).toMatchObject({ affectedHosts: 0, passRate: 1 });
      const history = await admin.get<{ items: { failedChecks: string[] }[]; total: number }>(`/api/v1/hosts/${hostId}/baseline/history`);
      expect(history.body.total).toBeGreaterThanOrEqual(3);
      expect(history.body.items[0]!.failedChecks).not.toContain(`${FIXTURE_POLICY}/${FIXTURE_CHECK}`);
      expect(history.body.items[1]!.failedChecks).toContain(`${FIXTURE_POLICY}/${FIXTURE_CHECK}`);
    }, 120_000);

    it('an ignore rule silences a new failure; lifting it raises again', async (context) => {
      if (!test) return context.skip();
      const rule = await admin.post<{ id: string }>('/api/v1/baselines/ignores', { policyId: FIXTURE_POLICY, checkId: FIXTURE_CHECK, hostId, reason: 'the fixture app is only reachable from localhost' });
      expect(rule.status).toBe(201);
      setApp('yes');
      await detectNow();
      expect(await fixture()).toMatchObject({ result: 'failed', ignored: true });
      expect((await fixtureEvents()).map((event) => event.count)).toEqual([1]);
      const checks = await admin.get<{ items: Summary[] }>(`/api/v1/baselines/checks?policyId=${FIXTURE_POLICY}`);
      expect(checks.body.items[0]).toMatchObject({ failed: 1, affectedHosts: 0, ignoredHosts: 1 });
      expect((await admin.get<{ items: { id: string }[] }>('/api/v1/baselines/ignores')).body.items.map((item) => item.id)).toEqual([rule.body.id]);

      expect((await admin.request('DELETE', `/api/v1/baselines/ignores/${rule.body.id}`)).status).toBe(200);
      expect((await admin.request('DELETE', `/api/v1/baselines/ignores/${rule.body.id}`)).status).toBe(404);
      await detectNow();
      expect(await fixture()).toMatchObject({ result: 'failed', ignored: false });
      // The first event is still pending, so the new failure counts on it (dedupe per host and check).
      expect((await fixtureEvents()).map((event) => event.count)).toEqual([2]);
      const audit = await admin.get<{ items: { action: string; targetId: string }[] }>('/api/v1/audit?limit=20');
      expect(audit.body.items.filter((entry) => entry.targetId === rule.body.id).map((entry) => entry.action)).toEqual(['baseline.ignore_deleted', 'baseline.ignore_created']);
    }, 120_000);

    it('refuses bad ignore rules with a clear reason', async (context) => {
      if (!test) return context.skip();
      const past = await admin.post<{ error: { message: string } }>('/api/v1/baselines/ignores', { policyId: FIXTURE_POLICY, checkId: FIXTURE_CHECK, reason: 'late', expiresAt: '2020-01-01T00:00:00Z' });
      expect(past.status).toBe(400);
      expect(past.body.error.message).toContain('expiresAt');
      const unknownHost = await admin.post('/api/v1/baselines/ignores', { policyId: FIXTURE_POLICY, checkId: FIXTURE_CHECK, hostId: 'no-such-host', reason: 'x' });
      expect(unknownHost.status).toBe(404);
      const noReason = await admin.post('/api/v1/baselines/ignores', { policyId: FIXTURE_POLICY, checkId: FIXTURE_CHECK });
      expect(noReason.status).toBe(400);
    });
  });
}
