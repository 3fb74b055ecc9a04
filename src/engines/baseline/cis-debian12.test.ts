// The corpus's CIS Debian 12 policy over two root filesystems built here, one hardened and one
// weak, with the expected result of a selection of its file and directory checks written out.
// Command checks cannot run over a root filesystem and must say so.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BaselineCheckResult } from '../../model/baseline.js';
import { BaselineSection } from '../../model/baseline.js';
import { DirView } from '../../view/dir-view.js';
import { evaluatePolicy } from './evaluator.js';
import { loadPolicy, type Policy } from './policy-loader.js';
import { makeRootfs } from './testdata/rootfs.js';

const policyFile = new URL('../../../../shared/corpora/sca/cis_debian12.yml', import.meta.url);

const debian12 = {
  '/etc/debian_version': '12.11\n',
  '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
};
const pamOthers = {
  '/etc/pam.d/common-auth': 'auth [success=1 default=ignore] pam_unix.so\nauth requisite pam_deny.so\n',
  '/etc/pam.d/common-account': 'account [success=1 new_authtok_reqd=done default=ignore] pam_unix.so\n',
  '/etc/pam.d/common-session': 'session required pam_unix.so\n',
  '/etc/pam.d/common-session-noninteractive': 'session required pam_unix.so\n',
};

const hardened = {
  ...debian12,
  ...pamOthers,
  '/etc/login.defs': '# login.defs\nPASS_MAX_DAYS\t365\nPASS_MIN_DAYS\t1\nPASS_WARN_AGE\t7\nENCRYPT_METHOD YESCRYPT\n',
  '/etc/shadow': 'root:$y$j9T$abcdefgh$0123456789:19700:1:365:7:::\ndaemon:*:19700:1:365:7:::\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n',
  '/etc/group': 'root:x:0:\ndaemon:x:1:\n',
  '/etc/shells': '/bin/sh\n/bin/bash\n',
  '/etc/sudoers': 'Defaults\tuse_pty\nDefaults\tlogfile=/var/log/sudo.log\n%sudo ALL=(ALL:ALL) ALL\n',
  '/etc/sudoers.d/README': '# Files in this directory are read by sudo.\n',
  '/etc/security/faillock.conf': 'deny = 5\nunlock_time = 900\n',
  '/etc/security/pwquality.conf': 'minlen = 8\n',
  '/etc/security/pwquality.conf.d/50-cis.conf': 'minlen = 14\ndifok = 2\n',
  '/etc/pam.d/common-password': 'password requisite pam_pwquality.so retry=3\npassword [success=1 default=ignore] pam_unix.so obscure use_authtok try_first_pass yescrypt\n',
  '/etc/audit/rules.d/99-finalize.rules': '-e 2\n',
  '/etc/rsyslog.conf': '$FileCreateMode 0640\n',
  '/etc/rsyslog.d': { dir: true as const },
  '/etc/systemd/journald.conf': '[Journal]\nStorage=persistent\nCompress=yes\n',
};

const weak = {
  ...debian12,
  ...pamOthers,
  '/etc/login.defs': 'PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\nENCRYPT_METHOD MD5\n',
  '/etc/shadow': 'root:$6$salt$hash:19700:0:99999:7:::\nguest::19700:0:99999:7:::\n',
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nguest:x:1000:1000::/home/guest:/bin/bash\n',
  '/etc/group': 'root:x:0:\n',
  '/etc/shells': '/bin/sh\n/bin/bash\n/usr/sbin/nologin\n',
  '/etc/sudoers': '%sudo ALL=(ALL:ALL) ALL\n',
  '/etc/sudoers.d/90-cloud-init-users': 'ubuntu ALL=(ALL) NOPASSWD:ALL\n',
  '/etc/security/pwquality.conf': 'minlen = 8\n',
  '/etc/security/pwquality.conf.d/10-local.conf': 'minlen = 10\n',
  '/etc/pam.d/common-password': 'password [success=1 default=ignore] pam_unix.so nullok md5\n',
  '/etc/rsyslog.conf': '$FileCreateMode 0644\n',
  '/etc/rsyslog.d': { dir: true as const },
  '/etc/systemd/journald.conf': '[Journal]\nStorage=auto\n',
  '/etc/systemd/journald.conf.d': { dir: true as const },
};

/** check id → [expected on the hardened rootfs, expected on the weak one]. */
const EXPECTED: Readonly<Record<string, readonly [string, string]>> = {
  '33177': ['passed', 'failed'], // sudo use_pty
  '33178': ['passed', 'failed'], // sudo logfile
  '33179': ['passed', 'failed'], // no NOPASSWD (sudoers.d/90-cloud-init-users has one)
  '33194': ['passed', 'failed'], // minlen >= 14, found in pwquality.conf.d/*
  '33204': ['passed', 'failed'], // no nullok in the pam_unix lines
  '33208': ['passed', 'failed'], // PASS_MAX_DAYS <= 365
  '33209': ['passed', 'failed'], // PASS_MIN_DAYS >= 1
  // Upstream writes `r:…SHA512 | r:…YESCRYPT` inside one regex: only "SHA512 " (with the space)
  // can match, so YESCRYPT fails. Evaluated as written.
  '33211': ['failed', 'failed'],
  '33216': ['failed', 'failed'], // upstream looks for "root:x:0:0" in /etc/group, which has 4 fields
  '33222': ['passed', 'failed'], // nologin not in /etc/shells
  '33235': ['passed', 'failed'], // journald Storage=persistent
  '33239': ['passed', 'failed'], // rsyslog $FileCreateMode 0640 or stricter
  '33272': ['passed', 'failed'], // audit rules end with -e 2 (weak: no /etc/audit/rules.d)
  '33301': ['passed', 'failed'], // no empty password field in /etc/shadow
  '33190': ['passed', 'passed'], // weak: the policy accepts "pam_faillock not configured" (its third rule)
  '33187': ['failed', 'failed'], // pam_faillock not in common-auth on either
  '33010': ['not_applicable', 'not_applicable'], // /tmp partition: command rules only
};

let policy: Policy;
const results: Record<'hardened' | 'weak', Map<string, BaselineCheckResult>> = { hardened: new Map(), weak: new Map() };
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const loaded = loadPolicy(readFileSync(policyFile, 'utf8'), 'cis_debian12.yml');
  policy = loaded.policy!;
  for (const [name, files] of [
    ['hardened', hardened],
    ['weak', weak],
  ] as const) {
    const fixture = await makeRootfs(files);
    cleanups.push(fixture.cleanup);
    const evaluation = await evaluatePolicy(policy, await DirView.open(fixture.root), { trustCommands: true });
    expect(evaluation.applies).toBe(true);
    BaselineSection.parse(evaluation.results);
    for (const result of evaluation.results) results[name].set(result.checkId, result);
  }
});

afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

describe('cis_debian12.yml over root filesystems', () => {
  it.each(Object.entries(EXPECTED))('check %s gives %j', (checkId, [onHardened, onWeak]) => {
    const good = results.hardened.get(checkId);
    const bad = results.weak.get(checkId);
    expect({ result: good?.result, reason: good?.reason }).toMatchObject({ result: onHardened });
    expect({ result: bad?.result, reason: bad?.reason }).toMatchObject({ result: onWeak });
  });

  it('points at the file and line behind a result', () => {
    const sudo = results.weak.get('33179');
    expect(sudo?.reason).toMatch(/holds and must not/);
    expect(sudo?.evidence).toContainEqual(
      expect.objectContaining({ path: '/etc/sudoers.d/90-cloud-init-users', line: 1, text: 'ubuntu ALL=(ALL) NOPASSWD:ALL', outcome: 'found' }),
    );
    const maxDays = results.hardened.get('33208');
    expect(maxDays?.evidence[0]).toMatchObject({ path: '/etc/login.defs', line: 2, text: 'PASS_MAX_DAYS\t365', outcome: 'found' });
    const audit = results.weak.get('33272');
    expect(audit?.reason).toMatch(/\/etc\/audit\/rules\.d does not exist/);
  });

  it('says why command checks are not applicable over a root filesystem', () => {
    const commandChecks = [...results.hardened.values()].filter((result) => result.result === 'not_applicable');
    expect(commandChecks.length).toBeGreaterThan(50);
    expect(results.hardened.get('33010')?.reason).toMatch(/command rules run only on a live host; not run over this dir view \(findmnt -kn \/tmp\)/);
    for (const result of [...results.hardened.values(), ...results.weak.values()]) {
      expect(result.result).not.toBe('error');
      expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it('does not apply to a Debian 11 root filesystem, and says which requirement failed', async () => {
    const fixture = await makeRootfs({ ...hardened, '/etc/debian_version': '11.9\n', '/etc/os-release': 'NAME="Debian GNU/Linux"\nVERSION="11 (bullseye)"\n' });
    cleanups.push(fixture.cleanup);
    const evaluation = await evaluatePolicy(policy, await DirView.open(fixture.root));
    expect(evaluation.applies).toBe(false);
    expect(new Set(evaluation.results.map((result) => result.result))).toEqual(new Set(['not_applicable']));
    expect(evaluation.results[0]?.reason).toMatch(/does not apply to this system: requirement 'Check Debian version\.' not met .*\/etc\/debian_version/);
  });
});
