// Host groups in a real browser: Debian's Chromium driven by playwright-core against a real server
// (SQLite) with three enrolled hosts. A manager creates groups on the Host groups page, renames
// one, adds and removes members; the Hosts list shows each host's groups as chips and filters by a
// group (in the URL); an ignore rule is made for the group through the Ignore rules form, and
// deleting the group is then refused with the rule named; the "Add to whitelist" panel of a login
// event can name the group, and so can the Whitelists page's form, its list showing the group; a
// baseline check is ignored for the group, covering a host added afterwards; a finding is ignored
// on its host's group from the finding detail; a viewer reads the groups without buttons to change
// them. Screenshots go to test-artifacts/console-host-groups/.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haveChromium, launchChromium, prepareConsole, startConsoleServer } from '../support/browser.js';
import type { ConsoleBrowser } from '../support/browser.js';
import { ApiClient } from '../support/test-server.js';
import type { TestServer } from '../support/test-server.js';

interface Group {
  id: string;
  name: string;
  hostIds: string[];
}

describe.skipIf(!haveChromium())('host groups in Chromium', () => {
  let test: TestServer;
  let admin: ApiClient;
  let browser: ConsoleBrowser;
  let artifacts = '';
  const hosts: Record<string, { id: string; agent: ApiClient }> = {};

  const groupNamed = async (name: string) => (await admin.get<{ items: Group[] }>('/api/v1/host-groups')).body.items.find((group) => group.name === name);

  beforeAll(async () => {
    artifacts = prepareConsole('console-host-groups');
    ({ test, admin } = await startConsoleServer());
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'host groups browser test' })).body.token;
    for (const name of ['web-1', 'web-2', 'db-1']) {
      const enrolled = await new ApiClient(test.url).post<{ hostId: string; credential: string }>('/api/v1/agent/enroll', {
        enrollToken: token,
        host: { machineId: `machine-${name}`, hostname: name, ips: [], osName: 'Debian', osVersion: '12', kernel: '6.1', arch: 'x86_64', agentVersion: '0.1.0', components: [] },
      });
      expect(enrolled.status).toBe(201);
      hosts[name] = { id: enrolled.body.hostId, agent: new ApiClient(test.url, enrolled.body.credential) };
    }
    browser = await launchChromium(test.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await test?.close();
  });

  it('creates groups, renames one, adds and removes members', async () => {
    const page = await browser.signedInPage('/hosts');
    await page.getByRole('link', { name: 'Host groups' }).first().click();
    await page.waitForURL(`${test.url}/host-groups`);
    const form = page.getByRole('form', { name: 'Create host group' });
    await form.getByLabel('Name').fill('web');
    await form.getByLabel('Description').fill('public web servers');
    await form.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('status').filter({ hasText: 'Created the host group “web”' }).waitFor();
    const row = page.getByRole('table', { name: 'Host groups' }).getByRole('row').filter({ hasText: 'public web servers' });
    await row.getByText('no hosts').waitFor();

    for (const name of ['web-1', 'web-2']) {
      await row.getByLabel('Host to add to web').selectOption({ label: name });
      await row.getByRole('button', { name: 'Add host' }).click();
      await row.getByRole('link', { name, exact: true }).waitFor();
    }
    await row.getByText('2 hosts').waitFor();
    await page.screenshot({ path: join(artifacts, 'host-groups.png'), fullPage: true });
    await row.getByRole('button', { name: 'Remove web-2 from web' }).click();
    await expect.poll(() => row.getByRole('link', { name: 'web-2', exact: true }).count()).toBe(0);
    expect((await groupNamed('web'))?.hostIds).toEqual([hosts['web-1']!.id]);

    // A second group, renamed in its row; taking the first group's name is refused in place.
    await form.getByLabel('Name').fill('databases');
    await form.getByRole('button', { name: 'Create group' }).click();
    const databases = page.getByRole('table', { name: 'Host groups' }).getByRole('row').filter({ hasText: 'databases' });
    await databases.getByRole('button', { name: 'Edit' }).click();
    const edit = databases.getByRole('form', { name: 'Edit databases' });
    await edit.getByLabel('Name').fill('web');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit.getByRole('alert').filter({ hasText: 'a host group named "web" exists' }).waitFor();
    await edit.getByLabel('Name').fill('db');
    await edit.getByLabel('Description').fill('PostgreSQL servers');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved the host group “db”' }).waitFor();
    expect(await groupNamed('databases')).toBeUndefined();
    expect(await groupNamed('db')).toMatchObject({ description: 'PostgreSQL servers' });
    await page.context().close();
  });

  it('shows group chips on the hosts list and filters by a group', async () => {
    const group = (await groupNamed('web'))!;
    const page = await browser.signedInPage('/hosts');
    const table = page.getByRole('table', { name: 'Hosts' });
    const web1 = table.getByRole('row').filter({ hasText: 'web-1' });
    await web1.getByRole('link', { name: 'web', exact: true }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: 'db-1' }).getByRole('link', { name: 'web', exact: true }).count()).toBe(0);
    await page.getByLabel('Host group filter').selectOption({ label: 'web' });
    await page.waitForURL(`${test.url}/hosts?group=${group.id}`);
    await expect.poll(() => table.locator('tbody tr').count()).toBe(1);
    expect(await table.getByRole('link', { name: 'web-1', exact: true }).count()).toBe(1);
    await page.screenshot({ path: join(artifacts, 'hosts-filtered-by-group.png'), fullPage: true });
    // The chip on a host's page leads to the same filtered list.
    await page.goto(`${test.url}/hosts/${hosts['web-1']!.id}`);
    await page.getByLabel('Host groups').getByRole('link', { name: 'web' }).click();
    await page.waitForURL(`${test.url}/hosts?group=${group.id}`);
    await page.context().close();
  });

  it('makes an ignore rule for the group, and refuses to delete the group while the rule names it', async () => {
    const page = await browser.signedInPage('/vulnerabilities/ignores');
    const form = page.getByRole('form', { name: 'Create ignore rule' });
    await form.getByLabel('Package').fill('curl');
    await form.getByLabel('Host group of the rule').selectOption({ label: 'web' });
    await form.getByLabel('Reason').fill('web servers never run curl');
    await form.getByRole('button', { name: 'Create rule' }).click();
    const rule = page.getByRole('table', { name: 'Ignore rules' }).getByRole('row').filter({ hasText: 'web servers never run curl' });
    await rule.getByRole('link', { name: 'web', exact: true }).waitFor();
    const created = (await admin.get<{ items: { reason: string; hostGroupId: string | null; hostId: string | null }[] }>('/api/v1/vulnerabilities/ignores')).body.items[0];
    expect(created).toMatchObject({ reason: 'web servers never run curl', hostGroupId: (await groupNamed('web'))!.id, hostId: null });

    await page.goto(`${test.url}/host-groups`);
    const row = page.getByRole('table', { name: 'Host groups' }).getByRole('row').filter({ hasText: 'public web servers' });
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Confirm delete' }).click();
    await row.getByText('vulnerability ignore rule "web servers never run curl"', { exact: false }).waitFor();
    await page.screenshot({ path: join(artifacts, 'host-group-in-use.png'), fullPage: true });
    expect(await groupNamed('web')).toBeDefined();
    await page.context().close();
  });

  it('whitelists a login event for the hosts of a group', async () => {
    const time = new Date().toISOString();
    const events = [1, 2, 3, 4, 5].map((seq) => ({ seq, type: 'login.event', time, data: { type: 'failure', service: 'sshd', reason: 'wrong_password', user: 'root', sourceIp: '198.51.100.7', sourcePort: 40000 + seq, host: null, time, file: '/var/log/auth.log', line: seq } }));
    expect((await hosts['web-1']!.agent.post('/api/v1/agent/events', { spoolId: 'spool-web-1', events })).status).toBe(200);
    const event = (await admin.get<{ items: { id: number }[] }>('/api/v1/events?type=brute_force')).body.items[0]!;
    const page = await browser.signedInPage(`/events/${event.id}`);
    const panel = page.getByRole('region', { name: 'Whitelist' });
    await panel.getByRole('button', { name: 'Add to whitelist' }).click();
    await panel.getByLabel('Host group of the rule').selectOption({ label: 'web' });
    await panel.getByLabel('Rule summary').getByText('on the hosts of the chosen group').waitFor();
    await panel.getByRole('button', { name: 'Create rule' }).click();
    await panel.getByText('created. New activity it covers raises no event.').waitFor();
    const rules = (await admin.get<{ items: { hostIds: string[]; hostGroupIds: string[] }[] }>('/api/v1/whitelists')).body.items;
    const web = (await groupNamed('web'))!.id;
    expect(rules.map((rule) => [rule.hostIds, rule.hostGroupIds])).toEqual([[[], [web]]]);

    // On the Whitelists page: a rule typed in for the group, and both rules show it, not "all hosts".
    await page.goto(`${test.url}/whitelists`);
    const form = page.getByRole('form', { name: 'Create whitelist rule' });
    await form.getByLabel('Name').fill('web deploys');
    await form.getByLabel('User', { exact: true }).fill('deploy');
    await form.getByRole('group', { name: 'Host groups' }).getByRole('checkbox', { name: 'web' }).check();
    await form.getByRole('button', { name: 'Create rule' }).click();
    const table = page.getByRole('table', { name: 'Whitelist rules' });
    const deploys = table.getByRole('row').filter({ hasText: 'web deploys' });
    await deploys.getByRole('link', { name: 'web', exact: true }).waitFor();
    expect(await table.getByText('all hosts', { exact: true }).count()).toBe(0);
    expect(await table.getByRole('link', { name: 'web', exact: true }).count()).toBe(2);
    await page.screenshot({ path: join(artifacts, 'whitelists-with-group.png'), fullPage: true });
    const typed = (await admin.get<{ items: { name: string; hostIds: string[]; hostGroupIds: string[] }[] }>('/api/v1/whitelists')).body.items.find((rule) => rule.name === 'web deploys');
    expect(typed).toMatchObject({ hostIds: [], hostGroupIds: [web] });
    await page.context().close();
  });

  it('ignores a baseline check on the hosts of a group, a host added later included', async () => {
    const time = new Date().toISOString();
    const results = [{ policyId: 'kiosk-policy', checkId: '1', title: 'USB storage is disabled', result: 'failed', reason: 'usb-storage loads', evidence: [], severity: 'high' }];
    for (const name of ['web-1', 'web-2']) {
      const sent = await hosts[name]!.agent.post('/api/v1/agent/events', { spoolId: `baseline-${name}`, events: [{ seq: 1, type: 'baseline.results', time, data: { policies: ['kiosk-policy'], results } }] });
      expect(sent.status).toBe(200);
    }
    const page = await browser.signedInPage(`/baselines?failing=false&check=${encodeURIComponent('kiosk-policy/1')}`);
    const detail = page.getByRole('region', { name: 'Check detail' });
    const failing = detail.getByRole('table', { name: 'Failing hosts' });
    await failing.getByRole('row').filter({ hasText: 'web-2' }).waitFor();
    await detail.getByLabel('Reason for ignoring').fill('web servers have no USB ports');
    await detail.getByLabel('Ignore on host').selectOption({ label: 'web' });
    await detail.getByRole('button', { name: 'Ignore' }).click();
    await failing.getByRole('row').filter({ hasText: 'web-1' }).getByText('Ignored', { exact: true }).waitFor();
    expect(await failing.getByRole('row').filter({ hasText: 'web-2' }).getByText('Ignored', { exact: true }).count()).toBe(0);
    const web = (await groupNamed('web'))!.id;
    expect((await admin.get<{ items: { hostGroupId: string | null; hostId: string | null }[] }>('/api/v1/baselines/ignores')).body.items).toEqual([expect.objectContaining({ hostGroupId: web, hostId: null })]);
    // web-2 joins the group: its result reads as ignored on the next look, without a new scan.
    expect((await admin.post(`/api/v1/host-groups/${web}/members`, { hostIds: [hosts['web-2']!.id] })).status).toBe(200);
    await page.reload();
    await failing.getByRole('row').filter({ hasText: 'web-2' }).getByText('Ignored', { exact: true }).waitFor();
    await page.screenshot({ path: join(artifacts, 'baseline-ignored-for-group.png'), fullPage: true });
    await page.context().close();
  });

  it("ignores a finding on the hosts of its host's group from the finding detail", async () => {
    // An openssl finding on web-1 and web-2 (both in "web" by now), as detection would leave it.
    const { db } = test.server.context.store;
    const tenantId = (await db.selectFrom('hosts').select('tenant_id').where('id', '=', hosts['web-2']!.id).executeTakeFirstOrThrow()).tenant_id;
    const at = new Date().toISOString();
    for (const name of ['web-1', 'web-2']) {
      await db
        .insertInto('vulnerability_findings')
        .values({ id: `finding-${name}`, tenant_id: tenantId, host_id: hosts[name]!.id, advisory_id: 'DSA-5764-1', aliases: '["CVE-2024-6119"]', ecosystem: 'Debian:12', package: 'libssl3', location: '/var/lib/dpkg/status', installed_version: '3.0.11-1~deb12u2', fixed_version: '3.0.14-1~deb12u2', severity: 'high', score: null, cvss_vector: null, summary: 'openssl - security update', reference_urls: '[]', status: 'open', ignore_id: null, first_seen: at, last_seen: at, fixed_at: null })
        .execute();
    }
    const page = await browser.signedInPage('/vulnerabilities?package=libssl3');
    const findings = page.getByRole('table', { name: 'Findings' });
    await findings.getByRole('row').filter({ hasText: 'web-2' }).getByRole('button', { name: 'DSA-5764-1' }).click();
    const detail = page.getByRole('region', { name: 'Finding detail' });
    await detail.getByLabel('Reason for ignoring').fill('web servers do not verify certificates with libssl3');
    await detail.getByLabel('Ignore on').selectOption({ label: 'hosts of group web' });
    await detail.getByRole('button', { name: 'Ignore' }).click();
    await page.getByRole('status').filter({ hasText: 'web servers do not verify certificates with libssl3' }).waitFor();
    const statuses = (await admin.get<{ items: { hostname: string; status: string }[] }>('/api/v1/vulnerabilities?package=libssl3')).body.items.map((finding) => [finding.hostname, finding.status]).sort();
    expect(statuses).toEqual([
      ['web-1', 'ignored'],
      ['web-2', 'ignored'],
    ]);
    const rule = (await admin.get<{ items: { reason: string; hostId: string | null; hostGroupId: string | null; package: string | null }[] }>('/api/v1/vulnerabilities/ignores')).body.items.find((item) => item.package === 'libssl3');
    expect(rule).toMatchObject({ hostId: null, hostGroupId: (await groupNamed('web'))!.id });
    await page.context().close();
  });

  it('shows a viewer the groups without buttons to change them', async () => {
    expect((await admin.post('/api/v1/users', { username: 'vic', password: 'one-time-password-1', role: 'viewer' })).status).toBe(201);
    const vic = new ApiClient(test.url);
    expect((await vic.login('vic', 'one-time-password-1')).status).toBe(200);
    expect((await vic.post('/api/v1/auth/password', { currentPassword: 'one-time-password-1', newPassword: 'vic reads the groups only' })).status).toBe(200);
    const page = await browser.signedInPage('/host-groups', 'vic', 'vic reads the groups only');
    const row = page.getByRole('table', { name: 'Host groups' }).getByRole('row').filter({ hasText: 'public web servers' });
    await row.getByRole('link', { name: 'web-1', exact: true }).waitFor();
    expect(await page.getByRole('form', { name: 'Create host group' }).count()).toBe(0);
    expect(await row.getByRole('button').count()).toBe(0);
    await page.context().close();
  });
});
