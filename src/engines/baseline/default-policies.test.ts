// Palisade's own policies (policies/*.yml): each loads cleanly, each check carries the fields the
// product promises (title, rationale, remediation, severity, compliance), and over two root
// filesystems built here, one hardened and one weak, every check gives the result written below.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { BaselineCheckResult } from '../../model/baseline.js';
import { BaselineSection } from '../../model/baseline.js';
import { DirView } from '../../view/dir-view.js';
import { evaluatePolicy } from './evaluator.js';
import { loadPolicy, type Policy } from './policy-loader.js';
import { makeRootfs, type FixtureEntry } from './testdata/rootfs.js';

const policyDir = new URL('../../../policies/', import.meta.url);
const files = readdirSync(policyDir).filter((name) => name.endsWith('.yml')).sort();

const P = 'passed';
const F = 'failed';
/** Checks that test file ownership (uid:0/gid:0): they pass on the hardened tree only as root. */
const OWNERSHIP = new Set(['90111', '90301', '90302', '90303', '90304', '90305', '90306', '90307', '90308', '90310', '90711', '90712', '90810', '90811']);
const asRoot = process.getuid?.() === 0;

/** check id → [hardened, weak]. */
const EXPECTED: Readonly<Record<string, readonly [string, string]>> = {
  // SSH server
  '90101': [P, F], '90102': [P, F], '90103': [P, F], '90104': [P, F], '90105': [P, F], '90106': [P, F],
  '90107': [P, F], '90108': [P, F], '90109': [P, F], '90110': [P, F], '90111': [P, F], '90112': [P, F],
  // password and accounts
  '90201': [P, F], '90202': [P, F], '90203': [P, F], '90204': [P, F], '90205': [P, F], '90206': [P, F],
  '90207': [P, F], '90208': [P, F], '90209': [P, F], '90210': [P, F], '90211': [P, F], '90212': [P, F],
  // file permissions
  '90301': [P, F], '90302': [P, F], '90303': [P, F], '90304': [P, F], '90305': [P, F], '90306': [P, F],
  '90307': [P, F], '90308': [P, F], '90309': [P, F], '90310': [P, F],
  // sysctl
  '90401': [P, F], '90402': [P, F], '90403': [P, F], '90404': [P, F], '90405': [P, F], '90406': [P, F],
  '90407': [P, F], '90408': [P, F], '90409': [P, F], '90410': [P, F], '90411': [P, F], '90412': [P, F],
  '90413': [P, F], '90414': [P, F], '90415': [P, F], '90416': [P, F],
  // services
  '90501': [P, F], '90502': [P, F], '90503': [P, F], '90504': [P, F], '90505': [P, F], '90506': [P, F],
  '90507': [P, F], '90508': [P, F], '90509': [P, F], '90510': [P, F], '90511': [P, F], '90512': [P, F],
  // auditing and logging
  '90601': [P, F], '90602': [P, F], '90603': [P, F], '90604': [P, F], '90605': [P, F], '90606': [P, F],
  '90607': [P, F], '90608': [P, F], '90609': [P, F], '90610': [P, F],
  // Docker
  '90701': [P, F], '90702': [P, F], '90703': [P, F], '90704': [P, F], '90705': [P, F], '90706': [P, F],
  '90707': [P, F], '90708': [P, F], '90709': [P, F], '90710': [P, F], '90711': [P, F], '90712': [P, F],
  // kubelet
  '90801': [P, F], '90802': [P, F], '90803': [P, F], '90804': [P, F], '90805': [P, F], '90806': [P, F],
  '90807': [P, F], '90808': [P, F], '90809': [P, F], '90810': [P, F], '90811': [P, F],
};

const GOOD_SYSCTL = [
  'net.ipv4.ip_forward = 0', 'net.ipv4.conf.all.send_redirects = 0', 'net.ipv4.conf.all.accept_redirects = 0',
  'net.ipv6.conf.all.accept_redirects = 0', 'net.ipv4.conf.all.accept_source_route = 0', 'net.ipv4.conf.all.rp_filter = 1',
  'net.ipv4.tcp_syncookies = 1', 'net.ipv4.icmp_echo_ignore_broadcasts = 1', 'net.ipv4.conf.all.log_martians = 1',
  'kernel.randomize_va_space = 2', 'fs.suid_dumpable = 0', 'kernel.kptr_restrict = 1', 'kernel.dmesg_restrict = 1',
  'kernel.yama.ptrace_scope = 1', 'fs.protected_symlinks = 1', 'fs.protected_hardlinks = 1',
];
const BAD_SYSCTL = [
  'net.ipv4.ip_forward = 1', 'net.ipv4.conf.all.send_redirects = 1', 'net.ipv4.conf.all.accept_redirects = 1',
  'net.ipv6.conf.all.accept_redirects = 1', 'net.ipv4.conf.all.accept_source_route = 1', 'net.ipv4.conf.all.rp_filter = 0',
  'net.ipv4.tcp_syncookies = 0', 'net.ipv4.icmp_echo_ignore_broadcasts = 0', 'net.ipv4.conf.all.log_martians = 0',
  'kernel.randomize_va_space = 0', 'fs.suid_dumpable = 2', 'kernel.kptr_restrict = 0', 'kernel.dmesg_restrict = 0',
  'kernel.yama.ptrace_scope = 0', 'fs.protected_symlinks = 0', 'fs.protected_hardlinks = 0',
];

const hardened: Record<string, FixtureEntry> = {
  '/usr/bin/env': '',
  '/etc/ssh/sshd_config': { mode: 0o600, content: 'Include /etc/ssh/sshd_config.d/*.conf\nPermitRootLogin no\nPasswordAuthentication no\nX11Forwarding no\nMaxAuthTries 4\nClientAliveInterval 300\nCiphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com\n' },
  '/etc/ssh/sshd_config.d/10-palisade.conf': 'PermitEmptyPasswords no\n',
  '/etc/ssh/ssh_host_ed25519_key': { mode: 0o600, content: 'key\n' },
  '/etc/ssh/ssh_host_ed25519_key.pub': { mode: 0o644, content: 'ssh-ed25519 AAAA\n' },
  '/etc/login.defs': 'PASS_MAX_DAYS\t365\nPASS_MIN_DAYS\t1\nPASS_WARN_AGE\t7\nENCRYPT_METHOD YESCRYPT\nUMASK\t\t027\n',
  '/etc/passwd': { mode: 0o644, content: 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n' },
  '/etc/shadow': { mode: 0o640, content: 'root:$y$j9T$salt$hash:19700:1:365:7:::\ndaemon:*:19700:0:99999:7:::\n' },
  '/etc/group': { mode: 0o644, content: 'root:x:0:\ndaemon:x:1:\n' },
  '/etc/gshadow': { mode: 0o640, content: 'root:*::\n' },
  '/etc/security/pwquality.conf': 'minlen = 14\n',
  '/etc/security/faillock.conf': 'deny = 5\n',
  '/etc/sudoers': { mode: 0o440, content: 'Defaults use_pty\n%sudo ALL=(ALL:ALL) ALL\n' },
  '/etc/crontab': { mode: 0o600, content: '17 * * * * root cd / && run-parts --report /etc/cron.hourly\n' },
  '/root': { dir: true, mode: 0o700 },
  '/root/.ssh/authorized_keys': { mode: 0o600, content: 'ssh-ed25519 AAAA admin\n' },
  '/boot/grub/grub.cfg': { mode: 0o600, content: 'set superusers="root"\n' },
  '/etc/sysctl.conf': '# see /etc/sysctl.d\n',
  '/etc/sysctl.d/60-palisade.conf': `${GOOD_SYSCTL.join('\n')}\n`,
  '/usr/sbin/auditd': '',
  '/etc/systemd/system/multi-user.target.wants/auditd.service': '[Unit]\n',
  '/etc/audit/rules.d/50-identity.rules': '-w /etc/passwd -p wa -k identity\n-w /etc/shadow -p wa -k identity\n-w /etc/group -p wa -k identity\n-w /etc/sudoers -p wa -k scope\n',
  '/etc/audit/rules.d/99-finalize.rules': '-e 2\n',
  '/etc/audit/auditd.conf': 'max_log_file = 8\nmax_log_file_action = keep_logs\n',
  '/usr/sbin/rsyslogd': '',
  '/etc/rsyslog.conf': '$FileCreateMode 0640\n',
  '/etc/systemd/journald.conf': '[Journal]\nStorage=persistent\nCompress=yes\n',
  '/etc/logrotate.conf': 'weekly\nrotate 4\n',
  '/usr/bin/dockerd': '',
  '/etc/docker/daemon.json': { mode: 0o644, content: '{\n  "icc": false,\n  "no-new-privileges": true,\n  "userns-remap": "default",\n  "live-restore": true,\n  "userland-proxy": false,\n  "log-driver": "json-file",\n  "log-opts": { "max-size": "10m", "max-file": "3" }\n}\n' },
  '/lib/systemd/system/docker.service': '[Service]\nExecStart=/usr/bin/dockerd -H fd:// --containerd=/run/containerd/containerd.sock\n',
  '/run/docker.sock': { mode: 0o660, content: '' },
  '/var/lib/kubelet/config.yaml': {
    mode: 0o600,
    content: 'apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nauthentication:\n  anonymous:\n    enabled: false\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nauthorization:\n  mode: Webhook\nreadOnlyPort: 0\nprotectKernelDefaults: true\nrotateCertificates: true\n',
  },
  '/var/lib/kubelet/kubeadm-flags.env': 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///run/containerd/containerd.sock"\n',
  '/etc/kubernetes/kubelet.conf': { mode: 0o600, content: 'apiVersion: v1\nkind: Config\n' },
};

const weak: Record<string, FixtureEntry> = {
  '/usr/bin/env': '',
  '/etc/ssh/sshd_config': {
    mode: 0o644,
    content: 'PermitRootLogin yes\nPasswordAuthentication yes\nPermitEmptyPasswords yes\nX11Forwarding yes\nMaxAuthTries 6\nHostbasedAuthentication yes\nIgnoreRhosts no\nPermitUserEnvironment yes\nCiphers aes128-cbc,3des-cbc\nMACs hmac-md5\nClientAliveInterval 0\n',
  },
  '/etc/ssh/ssh_host_rsa_key': { mode: 0o644, content: 'key\n' },
  '/etc/login.defs': 'PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t3\nENCRYPT_METHOD MD5\nUMASK\t\t022\n',
  '/etc/passwd': { mode: 0o666, content: 'root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\nolduser:$1$abc$def:1001:1001::/home/olduser:/bin/sh\n+::::::\n' },
  '/etc/shadow': { mode: 0o644, content: 'root:$6$salt$hash:19700:0:99999:7:::\nguest::19700:0:99999:7:::\n' },
  '/etc/group': { mode: 0o664, content: 'root:x:0:\nwheel0:x:0:\n' },
  '/etc/gshadow': { mode: 0o644, content: 'root:*::\n' },
  '/etc/security/pwquality.conf': 'minlen = 8\n',
  '/etc/security/faillock.conf': 'deny = 10\n',
  '/etc/sudoers': { mode: 0o640, content: '%sudo ALL=(ALL) NOPASSWD: ALL\n' },
  '/etc/crontab': { mode: 0o644, content: '# m h dom mon dow user command\n' },
  '/etc/world.conf': { mode: 0o666, content: 'anyone can write me\n' },
  '/root': { dir: true, mode: 0o755 },
  '/root/.ssh/authorized_keys': { mode: 0o644, content: 'ssh-rsa AAAA someone\n' },
  '/boot/grub/grub.cfg': { mode: 0o644, content: 'linux /vmlinuz\n' },
  '/etc/sysctl.conf': `${BAD_SYSCTL.join('\n')}\n`,
  '/usr/sbin/in.telnetd': '',
  '/usr/sbin/in.rshd': '',
  '/usr/sbin/ypserv': '',
  '/usr/sbin/in.tftpd': '',
  '/usr/sbin/vsftpd': '',
  '/usr/sbin/in.talkd': '',
  '/usr/sbin/xinetd': '',
  '/usr/sbin/snmpd': '',
  '/usr/lib/xorg/Xorg': '',
  '/etc/systemd/system/multi-user.target.wants/avahi-daemon.service': '[Unit]\n',
  '/etc/systemd/system/multi-user.target.wants/cups.service': '[Unit]\n',
  '/etc/systemd/system/multi-user.target.wants/rpcbind.service': '[Unit]\n',
  '/etc/audit/audit.rules': '-D\n',
  '/etc/audit/auditd.conf': 'max_log_file_action = ROTATE\n',
  '/etc/rsyslog.conf': '$FileCreateMode 0644\n',
  '/etc/systemd/journald.conf': '[Journal]\nStorage=volatile\nCompress=no\n',
  '/usr/bin/dockerd': '',
  '/etc/docker/daemon.json': {
    mode: 0o666,
    content: '{\n  "hosts": ["tcp://0.0.0.0:2375", "unix:///var/run/docker.sock"],\n  "icc": true,\n  "insecure-registries": ["registry.local:5000"],\n  "seccomp-profile": "unconfined"\n}\n',
  },
  '/lib/systemd/system/docker.service': '[Service]\nExecStart=/usr/bin/dockerd -H tcp://0.0.0.0:2375 -H fd://\n',
  '/run/docker.sock': { mode: 0o666, content: '' },
  '/var/lib/kubelet/config.yaml': {
    mode: 0o644,
    content: 'kind: KubeletConfiguration\nauthorization:\n  mode: AlwaysAllow\nreadOnlyPort: 10255\nrotateCertificates: false\nstreamingConnectionIdleTimeout: 0s\nmakeIPTablesUtilChains: false\n',
  },
  '/etc/default/kubelet': 'KUBELET_EXTRA_ARGS=--anonymous-auth=true --read-only-port=10255\n',
  '/etc/kubernetes/kubelet.conf': { mode: 0o644, content: 'apiVersion: v1\n' },
};

const policies: Policy[] = [];
const results = { hardened: new Map<string, BaselineCheckResult>(), weak: new Map<string, BaselineCheckResult>() };
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  for (const file of files) {
    const loaded = loadPolicy(readFileSync(new URL(file, policyDir), 'utf8'), file);
    if (loaded.policy) policies.push(loaded.policy);
  }
  for (const [name, tree] of [
    ['hardened', hardened],
    ['weak', weak],
  ] as const) {
    const fixture = await makeRootfs(tree);
    cleanups.push(fixture.cleanup);
    const view = await DirView.open(fixture.root);
    for (const policy of policies) {
      const evaluation = await evaluatePolicy(policy, view);
      BaselineSection.parse(evaluation.results);
      for (const result of evaluation.results) results[name].set(result.checkId, result);
    }
  }
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('Palisade default policies', () => {
  it('are the eight families the product ships', () => {
    expect(files).toEqual([
      'palisade_audit_logging.yml',
      'palisade_docker_daemon.yml',
      'palisade_file_permissions.yml',
      'palisade_kernel_sysctl.yml',
      'palisade_kubelet.yml',
      'palisade_password_accounts.yml',
      'palisade_services.yml',
      'palisade_ssh_server.yml',
    ]);
  });

  it.each(files)('%s loads without error or warning, every check fully described', (file) => {
    const text = readFileSync(new URL(file, policyDir), 'utf8');
    const loaded = loadPolicy(text, file);
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings).toEqual([]);
    const raw = parse(text) as { checks: Record<string, unknown>[] };
    for (const check of raw.checks) {
      const id = String(check.id);
      expect(check.title, id).toEqual(expect.any(String));
      expect(check.rationale, id).toEqual(expect.any(String));
      expect(check.remediation, id).toEqual(expect.any(String));
      expect(['critical', 'high', 'medium', 'low'], id).toContain(check.severity);
      expect(Object.keys(check.compliance as object).length, id).toBeGreaterThan(0);
      expect(EXPECTED[id], `no expectation written for ${id}`).toBeDefined();
    }
  });

  it.each(Object.entries(EXPECTED))('check %s gives %j', (checkId, [onHardened, onWeak]) => {
    const wantHardened = OWNERSHIP.has(checkId) && !asRoot ? F : onHardened;
    const good = results.hardened.get(checkId);
    const bad = results.weak.get(checkId);
    expect({ result: good?.result, reason: good?.reason }).toMatchObject({ result: wantHardened });
    expect({ result: bad?.result, reason: bad?.reason }).toMatchObject({ result: onWeak });
  });

  it('explains failures with the file and line', () => {
    expect(results.weak.get('90101')?.evidence[0]).toMatchObject({ path: '/etc/ssh/sshd_config', outcome: 'not_found' });
    expect(results.weak.get('90206')?.evidence[0]).toMatchObject({ path: '/etc/passwd', line: 2, text: 'toor:x:0:0::/root:/bin/sh', outcome: 'found' });
    expect(results.weak.get('90309')?.reason).toMatch(/\/etc\/docker\/daemon\.json has mode 0666/);
    expect(results.weak.get('90112')?.evidence[0]).toMatchObject({ path: '/etc/ssh/ssh_host_rsa_key' });
    expect(results.weak.get('90702')?.evidence[0]).toMatchObject({ path: '/lib/systemd/system/docker.service', line: 2 });
  });

  it('does not apply where the software is absent, and says so', async () => {
    const fixture = await makeRootfs({ '/etc/passwd': 'root:x:0:0::/root:/bin/sh\n', '/usr/bin/env': '' });
    cleanups.push(fixture.cleanup);
    const view = await DirView.open(fixture.root);
    const docker = policies.find((policy) => policy.id === 'palisade_docker_daemon')!;
    const evaluation = await evaluatePolicy(docker, view);
    expect(evaluation.applies).toBe(false);
    expect(evaluation.results[0]?.reason).toMatch(/does not apply to this system: requirement 'Docker is installed' not met/);
  });
});
