import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRootfs, type Rootfs } from '../rootfs-fixture.js';
import { mysqlOption, postgresSetting, spaceSetting, yamlSetting } from './config-values.js';

let rootfs: Rootfs;

beforeAll(async () => {
  rootfs = await buildRootfs({
    // Debian's layout: my.cnf includes two directories, the later file overrides the earlier.
    '/etc/mysql/my.cnf': '[client-server]\nsocket = /run/mysqld/mysqld.sock\n!includedir /etc/mysql/conf.d/\n!includedir /etc/mysql/mariadb.conf.d/\n',
    '/etc/mysql/conf.d/mysql.cnf': '[mysql]\ndatadir = /not/the/server\n',
    '/etc/mysql/mariadb.conf.d/50-server.cnf': '[mysqld]\ndatadir = /var/lib/mysql\nbind-address = 127.0.0.1\n',
    '/etc/mysql/mariadb.conf.d/60-local.cnf': '[mariadb]\ndata_dir_unrelated = 1\ndatadir="/srv/mariadb"\n',
    '/etc/mysql/mariadb.conf.d/README': '[mysqld]\ndatadir = /ignored/not/a/cnf\n',
    '/etc/loop.cnf': '!include /etc/loop.cnf\n[mysqld]\ndatadir=/loop\n',
    '/etc/mongod.conf': 'storage:\n  dbPath: /var/lib/mongodb\nnet:\n  port: 27017\n',
    '/etc/bad.yaml': 'storage: [unclosed\n',
  });
});
afterAll(() => rootfs.remove());

describe('server configuration values', () => {
  it('reads MySQL/MariaDB option files through !includedir, last value wins, server sections only', async () => {
    expect(await mysqlOption(rootfs.view, '/etc/mysql/my.cnf', 'datadir')).toBe('/srv/mariadb');
    expect(await mysqlOption(rootfs.view, '/etc/mysql/my.cnf', 'bind_address')).toBe('127.0.0.1');
    expect(await mysqlOption(rootfs.view, '/etc/mysql/missing.cnf', 'datadir')).toBeNull();
    // A file including itself stops at the depth bound instead of recursing forever.
    expect(await mysqlOption(rootfs.view, '/etc/loop.cnf', 'datadir')).toBe('/loop');
  });

  it('reads postgresql.conf, space-separated and YAML settings', async () => {
    const conf = "# data_directory = '/commented'\ndata_directory = '/var/lib/postgresql/15/main'\t# use data in another directory\nport = 5432\n";
    expect(postgresSetting(conf, 'data_directory')).toBe('/var/lib/postgresql/15/main');
    expect(postgresSetting(conf, 'port')).toBe('5432');
    expect(postgresSetting(conf, 'listen_addresses')).toBeNull();
    expect(spaceSetting('dir /var/lib/redis\n# dir /old\ndir "/srv/redis"\n', 'dir')).toBe('/srv/redis');
    expect(await yamlSetting(rootfs.view, '/etc/mongod.conf', ['storage', 'dbPath'])).toBe('/var/lib/mongodb');
    expect(await yamlSetting(rootfs.view, '/etc/bad.yaml', ['storage', 'dbPath'])).toBeNull();
  });
});
