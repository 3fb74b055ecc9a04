// Intrusion response end to end with a real sshd, a real SSH client and real nftables (issue 5,
// "Response"). The test builds its own little network so the host's firewall is never touched:
//
//   root namespace 10.200.1.1 ── veth ── 10.200.1.2  victim namespace  10.200.0.1 ── veth ── 10.200.0.2  attacker namespace
//   (server, agent, "host side")          (sshd, table inet palisade)                          (sshpass + ssh)
//
// sshd runs in the victim namespace with its own config, host key and port, logging to stderr
// (`-D -e`); the test stands in for syslog and writes each line to an auth log with the syslog
// header rsyslog would give it (time, host, sshd[pid]) — sshd's `-E file` lines carry no time,
// and a detection needs one. The real agent CLI follows that log and blocks with nftables in the
// victim namespace (`--block-netns`). From the attacker namespace, failed password logins and then
// a successful one; the server raises the brute force and the cracked password, blocks the source
// automatically (triggered by the cracked password: blocking on the brute force would stop the
// successful login this test needs), the agent adds it to the nftables set, and new connections
// from the attacker fail while the host side still connects. Lifting the block through the API
// lets the attacker connect again. Everything made is removed afterwards, also on failure.
import { execFile, execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnPalisade, waitFor } from './support/processes.js';
import type { PalisadeProcess } from './support/processes.js';
import { needService } from './support/services.js';
import { ADMIN_PASSWORD, ApiClient, startTestServer } from './support/test-server.js';
import type { TestServer } from './support/test-server.js';

const run = promisify(execFile);
const suffix = randomBytes(3).toString('hex');
const VICTIM = `pal-sv-${suffix}`;
const ATTACKER = `pal-at-${suffix}`;
const LINKS = { host: `pal-h-${suffix}`, hostPeer: `pal-hv-${suffix}`, victim: `pal-va-${suffix}`, attacker: `pal-av-${suffix}` };
const HOST_SIDE = { root: '10.200.1.1', victim: '10.200.1.2' };
const ATTACK_SIDE = { victim: '10.200.0.1', attacker: '10.200.0.2' };
const SSH_PORT = 2222;
const USER = `pal-e2e-${suffix}`;
const PASSWORD = `right-${randomBytes(6).toString('hex')}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Event {
  type: string;
  severity: string;
  details: Record<string, unknown>;
}
interface Block {
  id: string;
  source: string;
  state: string;
  agentState: string;
  agentError: string | null;
  createdBy: string;
}

function sh(program: string, ...args: string[]): string {
  return execFileSync(program, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** What is missing for this test, or null when everything is there. */
function missing(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces, nftables, a test user, sshd)';
  for (const program of ['/usr/sbin/sshd', 'sshpass', 'ssh', 'ssh-keygen', 'nft', 'ip', 'useradd', 'chpasswd']) {
    try {
      sh('sh', '-c', 'command -v "$0"', program);
    } catch {
      return `${program} is not installed (openssh-server, openssh-client, sshpass, nftables, iproute2, passwd)`;
    }
  }
  try {
    sh('ip', 'netns', 'add', VICTIM);
    sh('ip', 'netns', 'exec', VICTIM, 'nft', 'list', 'tables');
  } catch (error) {
    return `ip netns or nft not permitted: ${(error as Error).message.split('\n')[0]}`;
  }
  return null;
}

function buildNetwork(): void {
  sh('ip', 'netns', 'add', ATTACKER);
  sh('ip', 'link', 'add', LINKS.host, 'type', 'veth', 'peer', 'name', LINKS.hostPeer);
  sh('ip', 'link', 'set', LINKS.hostPeer, 'netns', VICTIM);
  sh('ip', 'addr', 'add', `${HOST_SIDE.root}/24`, 'dev', LINKS.host);
  sh('ip', 'link', 'set', LINKS.host, 'up');
  sh('ip', '-n', VICTIM, 'addr', 'add', `${HOST_SIDE.victim}/24`, 'dev', LINKS.hostPeer);
  sh('ip', '-n', VICTIM, 'link', 'set', LINKS.hostPeer, 'up');
  sh('ip', '-n', VICTIM, 'link', 'set', 'lo', 'up');
  sh('ip', 'link', 'add', LINKS.victim, 'type', 'veth', 'peer', 'name', LINKS.attacker);
  sh('ip', 'link', 'set', LINKS.victim, 'netns', VICTIM);
  sh('ip', 'link', 'set', LINKS.attacker, 'netns', ATTACKER);
  sh('ip', '-n', VICTIM, 'addr', 'add', `${ATTACK_SIDE.victim}/24`, 'dev', LINKS.victim);
  sh('ip', '-n', VICTIM, 'link', 'set', LINKS.victim, 'up');
  sh('ip', '-n', ATTACKER, 'addr', 'add', `${ATTACK_SIDE.attacker}/24`, 'dev', LINKS.attacker);
  sh('ip', '-n', ATTACKER, 'link', 'set', LINKS.attacker, 'up');
  sh('ip', '-n', ATTACKER, 'link', 'set', 'lo', 'up');
}

/** Each cleanup step on its own: one failing (already gone) never keeps the others from running. */
function tearDown(steps: readonly (readonly string[])[]): void {
  for (const [program, ...args] of steps) {
    try {
      execFileSync(program!, args, { stdio: 'ignore' });
    } catch {
      // not made, or already gone
    }
  }
}

/** A syslog line as rsyslog writes /var/log/auth.log: local time, host, program[pid]. */
function syslogLine(at: Date, pid: number, message: string): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[at.getMonth()]} ${String(at.getDate()).padStart(2, ' ')} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())} ${hostname()} sshd[${pid}]: ${message}\n`;
}

/** One SSH login with a password from the attacker namespace: ssh's exit code and its last word. */
async function sshLogin(password: string, target = ATTACK_SIDE.victim, namespace: string | null = ATTACKER): Promise<{ code: number; said: string }> {
  const ssh = ['sshpass', '-p', password, 'ssh', '-F', '/dev/null', '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR', '-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password', '-o', 'NumberOfPasswordPrompts=1', '-o', 'ConnectTimeout=5', '-p', String(SSH_PORT), `${USER}@${target}`, 'true'];
  const argv = namespace ? ['ip', 'netns', 'exec', namespace, ...ssh] : ssh;
  try {
    await run(argv[0]!, argv.slice(1));
    return { code: 0, said: '' };
  } catch (error) {
    const failed = error as { code?: number; stderr?: string };
    return { code: Number(failed.code ?? -1), said: (failed.stderr ?? '').trim().split('\n').pop() ?? '' };
  }
}

// Opens a new TCP connection and waits for sshd's banner; a dropped SYN never answers, so the
// probe gives up after a few seconds and says so.
const PROBE = `const s=require('net').connect(${SSH_PORT},process.argv[1]);const t=setTimeout(()=>{console.log('no answer');process.exit(0)},4000);s.once('data',d=>{console.log(String(d).split('\\r')[0]);clearTimeout(t);s.destroy()});s.once('error',e=>{console.log(e.code);clearTimeout(t)})`;

async function banner(target: string, namespace: string | null): Promise<string> {
  const node = [process.execPath, '-e', PROBE, target];
  const argv = namespace ? ['ip', 'netns', 'exec', namespace, ...node] : node;
  return (await run(argv[0]!, argv.slice(1))).stdout.trim();
}

async function blockedInNft(): Promise<string[]> {
  const listed = JSON.parse(sh('ip', 'netns', 'exec', VICTIM, 'nft', '-j', 'list', 'set', 'inet', 'palisade', 'blocked4')) as { nftables: { set?: { elem?: { elem?: { val: string } }[] } }[] };
  return listed.nftables.flatMap((entry) => entry.set?.elem ?? []).map((elem) => elem.elem?.val ?? '');
}

describe('sshd brute force blocked with nftables, end to end', () => {
  let ready = false;
  let test: TestServer | null = null;
  let admin: ApiClient;
  let sshd: ChildProcess | null = null;
  let sshdOutput = '';
  let agent: PalisadeProcess | null = null;
  const dir = mkdtempSync(join(tmpdir(), 'palisade-sshd-'));
  const authLog = join(dir, 'auth.log');
  let closing = false;

  async function eventOf(type: string): Promise<Event> {
    return waitFor(`a ${type} event from ${ATTACK_SIDE.attacker}`, async () => (await admin.get<{ items: Event[] }>(`/api/v1/events?type=${type}&q=${ATTACK_SIDE.attacker}`)).body.items[0], 60_000, 200);
  }

  async function blockWhere(agentState: string): Promise<Block> {
    return waitFor(`the block reported ${agentState} (agent: ${agent?.output().slice(-2000)})`, async () => (await admin.get<{ items: Block[] }>(`/api/v1/blocks?source=${ATTACK_SIDE.attacker}`)).body.items.find((b) => b.agentState === agentState), 60_000, 200);
  }

  beforeAll(async () => {
    const why = missing();
    ready = needService('sshd, sshpass, nftables and network namespaces', { available: why === null, reason: why ?? '' });
    if (!ready) return;
    buildNetwork();
    sh('useradd', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/bin/sh', USER);
    execFileSync('chpasswd', { input: `${USER}:${PASSWORD}\n` });

    // A dedicated sshd: own host key, own config, password logins for the test user only.
    sh('ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key'));
    mkdirSync('/run/sshd', { recursive: true }); // sshd's privilege separation directory
    writeFileSync(
      join(dir, 'sshd_config'),
      [`Port ${SSH_PORT}`, 'ListenAddress 0.0.0.0', `HostKey ${join(dir, 'host_key')}`, 'PasswordAuthentication yes', 'KbdInteractiveAuthentication no', 'PubkeyAuthentication no', 'UsePAM no', 'PidFile none', 'PermitRootLogin no', `AllowUsers ${USER}`, 'MaxAuthTries 3', 'LogLevel INFO', ''].join('\n'),
    );
    writeFileSync(authLog, '');
    sshd = spawn('ip', ['netns', 'exec', VICTIM, '/usr/sbin/sshd', '-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    const pid = sshd.pid ?? 1; // `ip netns exec` execs sshd: the same process
    let partial = '';
    sshd.stderr?.on('data', (chunk: Buffer) => {
      sshdOutput += chunk.toString();
      if (closing) return;
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      const now = new Date();
      const text = lines.map((line) => line.replace(/\r$/, '')).filter((line) => line !== '').map((line) => syslogLine(now, pid, line)).join('');
      if (text) appendFileSync(authLog, text);
    });
    await waitFor(`sshd listening (${sshdOutput})`, () => sshdOutput.includes(`Server listening on 0.0.0.0 port ${SSH_PORT}`), 30_000);

    test = await startTestServer('sqlite');
    if (!test) throw new Error('the SQLite test server did not start');
    admin = new ApiClient(test.url);
    await admin.login('admin', ADMIN_PASSWORD);
    const settings = await admin.request('PUT', '/api/v1/response/settings', { autoBlock: true, blockSeconds: 600, triggers: ['password_cracked'], managementCidrs: [] });
    expect(settings.status).toBe(200);
    const token = (await admin.post<{ token: string }>('/api/v1/enrollment-tokens', { name: 'sshd-e2e' })).body.token;
    agent = spawnPalisade(['agent', '--server', test.url, '--enroll-token', token, '--data-dir', join(dir, 'agent'), '--no-inventory', '--no-baseline', '--auth-log', authLog, '--block-netns', VICTIM], { PALISADE_LOG_LEVEL: 'info' });
    await waitFor(`the agent enrolled (${agent.output()})`, async () => (await admin.get<{ total: number }>('/api/v1/hosts')).body.total === 1, 60_000, 200);
  }, 180_000);

  afterAll(async () => {
    closing = true;
    await agent?.kill();
    sshd?.kill();
    await test?.close();
    // The namespaces take their veths, sshd's socket and the nftables table with them.
    tearDown([
      ['ip', 'netns', 'del', ATTACKER],
      ['ip', 'netns', 'del', VICTIM],
      ['ip', 'link', 'del', LINKS.host],
      ['userdel', USER],
    ]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reaches sshd from the host side before any attack', async (context) => {
    if (!ready) return context.skip();
    // (Not from the attacker yet: sshd logs a bare connection as a failure, which would count.)
    expect(await banner(HOST_SIDE.victim, null)).toMatch(/^SSH-2\.0-OpenSSH/);
  });

  it('reports the failed logins as a brute force, the successful one as a cracked password, and blocks the source', async (context) => {
    if (!ready) return context.skip();
    for (let i = 0; i < 6; i++) expect(await sshLogin(`wrong-${i}`)).toMatchObject({ code: 255, said: expect.stringContaining('Permission denied') });
    const bruteForce = await eventOf('brute_force');
    expect(bruteForce).toMatchObject({ severity: 'high', details: { sourceIp: ATTACK_SIDE.attacker, user: USER, service: 'sshd', file: authLog } });
    // Every failure reached the server and counts on the same event. (At least six: the login
    // engine also counts some of sshd's "Connection closed by authenticating user … [preauth]".)
    await waitFor('all six failures counted', async () => Number((await eventOf('brute_force')).details.attempts) >= 6, 60_000, 200).catch((error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(bruteForce.details)}\n${readFileSync(authLog, 'utf8')}`);
    });
    expect((await admin.get<{ total: number }>('/api/v1/blocks')).body.total).toBe(0);

    expect(await sshLogin(PASSWORD)).toEqual({ code: 0, said: '' });
    const cracked = await eventOf('password_cracked');
    expect(cracked).toMatchObject({ severity: 'critical', details: { sourceIp: ATTACK_SIDE.attacker, user: USER } });

    const block = await blockWhere('applied');
    expect(block).toMatchObject({ source: ATTACK_SIDE.attacker, state: 'active', createdBy: 'system', agentError: null });
    expect(await blockedInNft()).toEqual([ATTACK_SIDE.attacker]);
    const audit = await admin.get<{ items: { action: string; actorName: string; targetId: string }[] }>('/api/v1/audit?action=block.created');
    expect(audit.body.items.map((entry) => [entry.actorName, entry.targetId])).toEqual([['system', block.id]]);
  }, 180_000);

  it('drops new connections from the attacker while the host side still connects', async (context) => {
    if (!ready) return context.skip();
    expect(await banner(ATTACK_SIDE.victim, ATTACKER)).toBe('no answer');
    expect(await sshLogin(PASSWORD)).toMatchObject({ code: 255, said: expect.stringContaining('timed out') });
    expect(await banner(HOST_SIDE.victim, null)).toMatch(/^SSH-2\.0-OpenSSH/);
    expect(await sshLogin(PASSWORD, HOST_SIDE.victim, null)).toEqual({ code: 0, said: '' });
  }, 60_000);

  it('lets the attacker connect again once the block is lifted through the API', async (context) => {
    if (!ready) return context.skip();
    const active = (await admin.get<{ items: Block[] }>('/api/v1/blocks?state=active')).body.items;
    expect(active.map((b) => b.source)).toEqual([ATTACK_SIDE.attacker]);
    const lifted = await admin.post<Block>(`/api/v1/blocks/${active[0]!.id}/lift`);
    expect(lifted.body).toMatchObject({ state: 'lifted', agentState: 'pending' });
    await blockWhere('removed');
    expect(await blockedInNft()).toEqual([]);
    expect(await banner(ATTACK_SIDE.victim, ATTACKER)).toMatch(/^SSH-2\.0-OpenSSH/);
    const audit = await admin.get<{ items: { action: string; actorName: string }[] }>('/api/v1/audit?action=block.lifted');
    expect(audit.body.items.map((entry) => entry.actorName)).toEqual(['admin']);
  }, 90_000);
});
