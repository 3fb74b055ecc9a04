import { describe, expect, it } from 'vitest';
import type { Account, ListeningPort, Package } from '../../model/inventory.js';
import { changeEvents } from './change-events.js';
import { diffFacts } from './fact-delta.js';
import { factKey, factName } from './fact-identity.js';

const pkg = (name: string, version: string): Package => ({ name, version, architecture: 'amd64', sourceName: name, sourceVersion: version, format: 'dpkg', database: '/var/lib/dpkg/status' });
const port = (n: number, address = '0.0.0.0'): ListeningPort => ({ protocol: 'tcp', family: 'ipv4', address, port: n, state: 'LISTEN', pid: 10, processName: 'redis-server', external: address !== '127.0.0.1' });
const account = (name: string, sudo: string[] = []): Account => ({ name, uid: 1001, gid: 1001, groups: [name], home: `/home/${name}`, shell: '/bin/bash', gecos: '', canLogin: true, passwordState: 'set', sudo, lastLogin: null, lastLoginFrom: null });

describe('inventory deltas', () => {
  it('sends everything first, then only what changed, and the keys that went away', () => {
    const first = diffFacts('packages', null, [pkg('openssl', '3.0.11-1~deb12u2'), pkg('curl', '7.88.1-10+deb12u5')]);
    expect(first.delta).toMatchObject({ full: true, removed: [] });
    expect(first.delta?.upserted).toHaveLength(2);

    const same = diffFacts('packages', first.digests, [pkg('curl', '7.88.1-10+deb12u5'), pkg('openssl', '3.0.11-1~deb12u2')]);
    expect(same.delta).toBeNull();

    const upgraded = diffFacts('packages', first.digests, [pkg('openssl', '3.0.15-1~deb12u1'), pkg('zlib1g', '1:1.2.13.dfsg-1')]);
    expect(upgraded.delta?.full).toBe(false);
    expect(upgraded.delta?.upserted.map((p) => `${p.name}=${p.version}`)).toEqual(['openssl=3.0.15-1~deb12u1', 'zlib1g=1:1.2.13.dfsg-1']);
    expect(upgraded.delta?.removed).toEqual(['dpkg:curl:amd64']);
  });

  it('keeps a key stable across an upgrade and names facts for search', () => {
    expect(factKey('packages', pkg('openssl', '1'))).toBe(factKey('packages', pkg('openssl', '2')));
    expect(factName('ports', port(6379))).toBe('tcp/6379');
    expect(factName('jars', { path: '/opt/app.jar', parent: null, groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: '2.14.1', sha1: null })).toBe('org.apache.logging.log4j:log4j-core');
  });
});

describe('inventory change events', () => {
  it('raises nothing for the baseline, then new ports, accounts and sudo rights', () => {
    expect(changeEvents([{ kind: 'ports', key: 'tcp:0.0.0.0:6379', before: null, after: port(6379) }], true)).toEqual([]);
    const [newPort] = changeEvents([{ kind: 'ports', key: 'tcp:0.0.0.0:6379', before: null, after: port(6379) }], false);
    expect(newPort).toMatchObject({ type: 'inventory.new_port', severity: 'low', title: 'New listening port tcp/6379 on 0.0.0.0 (redis-server)' });
    expect(changeEvents([{ kind: 'ports', key: 'k', before: port(6379), after: { ...port(6379), pid: 99 } }], false)).toEqual([]);

    const events = changeEvents(
      [
        { kind: 'accounts', key: 'mallory', before: null, after: account('mallory') },
        { kind: 'accounts', key: 'bob', before: account('bob'), after: account('bob', ['ALL=(ALL) NOPASSWD: ALL']) },
        { kind: 'accounts', key: 'carol', before: account('carol', ['ALL=(ALL) ALL']), after: account('carol', ['ALL=(ALL) ALL']) },
      ],
      false,
    );
    expect(events.map((e) => e.type)).toEqual(['inventory.new_account', 'inventory.new_sudo_right']);
    expect(events[1]?.title).toContain('NOPASSWD');
  });
});
