// The database engines (and the data services beside them: message brokers, caches) the
// `databases` collector recognises. Each entry says how its processes look, which packages
// carry it, how to ask its version as a last resort, and where its data directory is set.
import type { SystemView } from '../../view/system-view.js';
import { mysqlOption, postgresSetting, spaceSetting, yamlSetting } from './config-values.js';
import { existing, firstExisting, optionValue, readConfig, type ServerProcess, type ServerSpec } from './server-spec.js';

/** The working directory of a live process: PostgreSQL, MariaDB/MySQL and Redis chdir() to their data directory. */
async function workingDirectory(view: SystemView, process: ServerProcess): Promise<string | null> {
  if (!view.live) return null;
  const cwd = await view.readLink(`/proc/${process.entry.pid}/cwd`).catch(() => null);
  return cwd && cwd !== '/' ? cwd : null;
}

const argv = (process: ServerProcess) => process.entry.argv;

const postgresql: ServerSpec = {
  name: 'postgresql',
  matches: (p) => p.exeName === 'postgres' || p.exeName === 'postmaster',
  packages: /^postgresql(-\d+|\d*-server|\d*)$/,
  versionCommand: { args: ['--version'], pattern: /PostgreSQL\)\s+(\d[\w.]*)/ },
  async configPath(_view, p) {
    const setting = argv(p).find((arg) => arg.startsWith('config_file='));
    return setting?.slice('config_file='.length) ?? optionValue(argv(p), '--config-file') ?? null;
  },
  async dataDirectory(view, p) {
    const fromArgs = optionValue(argv(p), '-D', '--pgdata');
    if (fromArgs) return fromArgs;
    const config = await this.configPath?.(view, p);
    const fromConfig = config ? postgresSetting((await readConfig(view, config)) ?? '', 'data_directory') : null;
    return fromConfig ?? (await workingDirectory(view, p));
  },
};

const mysql: ServerSpec = {
  name: 'mysql',
  matches: (p) => p.exeName === 'mysqld' || p.exeName === 'mariadbd',
  packages: /^(mariadb|mysql|percona)-server(-core)?(-[\d.]+)?$|^(mariadb|mysql-community)-server$|^mariadb$/,
  versionCommand: { args: ['--version'], pattern: /Ver\s+(\d+\.\d+\.\d+)/ },
  refineName: (evidence) => (/mariadb/i.test(evidence) ? 'mariadb' : 'mysql'),
  async configPath(view, p) {
    return optionValue(argv(p), '--defaults-file') ?? (await firstExisting(view, '/etc/mysql/my.cnf', '/etc/my.cnf'));
  },
  async dataDirectory(view, p) {
    const fromArgs = optionValue(argv(p), '--datadir', '-h');
    if (fromArgs) return fromArgs;
    const config = await this.configPath?.(view, p);
    return (config ? await mysqlOption(view, config, 'datadir') : null) ?? (await workingDirectory(view, p));
  },
};

const redis: ServerSpec = {
  name: 'redis',
  // redis-server rewrites its title to "redis-server 127.0.0.1:6379" and on Debian runs the redis-check-rdb binary.
  matches: (p) => p.entry.comm === 'redis-server' || p.exeName === 'redis-server',
  packages: /^redis(-server|-tools)?$/,
  // Run as redis-check-rdb (Debian's link target) the binary answers in that tool's words.
  versionCommand: { args: ['--version'], pattern: /(?:\bv=|redis-check-rdb )(\d[\w.]*)/ },
  async configPath(view, p) {
    return argv(p).find((arg) => arg.endsWith('.conf')) ?? (await firstExisting(view, '/etc/redis/redis.conf', '/etc/redis.conf'));
  },
  async dataDirectory(view, p) {
    const cwd = await workingDirectory(view, p);
    if (cwd) return cwd;
    const config = await this.configPath?.(view, p);
    return existing(view, spaceSetting((await readConfig(view, config ?? null)) ?? '', 'dir'));
  },
};

const mongodb: ServerSpec = {
  name: 'mongodb',
  matches: (p) => p.exeName === 'mongod',
  packages: /^mongodb(-org)?(-server)?$/,
  versionCommand: { args: ['--version'], pattern: /db version v(\d[\w.]*)/ },
  async configPath(view, p) {
    return optionValue(argv(p), '--config', '-f') ?? (await firstExisting(view, '/etc/mongod.conf', '/etc/mongodb.conf'));
  },
  async dataDirectory(view, p) {
    const fromArgs = optionValue(argv(p), '--dbpath');
    if (fromArgs) return fromArgs;
    const config = (await this.configPath?.(view, p)) ?? null;
    return (await yamlSetting(view, config, ['storage', 'dbPath'])) ?? (await firstExisting(view, '/var/lib/mongodb', '/data/db'));
  },
};

const rabbitmq: ServerSpec = {
  name: 'rabbitmq',
  // An Erlang VM booting the "rabbit" application.
  matches: (p) => p.exeName.startsWith('beam') && argv(p).some((arg, index) => arg === 'rabbit' && argv(p)[index - 1] === '-s'),
  packages: /^rabbitmq-server$/,
  versionPackage: /^rabbitmq-server$/,
  async fileVersion(view) {
    const names = (await view.readDir('/usr/lib/rabbitmq/lib').catch(() => null)) ?? [];
    const server = names.map((name) => /^rabbitmq_server-(\d[\w.]*)$/.exec(name)?.[1]).find(Boolean);
    return server ?? null;
  },
  async configPath(view) {
    return firstExisting(view, '/etc/rabbitmq/rabbitmq.conf', '/etc/rabbitmq/advanced.config', '/etc/rabbitmq/rabbitmq-env.conf');
  },
  async dataDirectory(view, p) {
    // "-mnesia dir '"/var/lib/rabbitmq/mnesia/rabbit@host"'" when the start script passes it.
    const index = argv(p).findIndex((arg, at) => arg === 'dir' && argv(p)[at - 1] === '-mnesia');
    const fromArgs = index >= 0 ? argv(p)[index + 1]?.replace(/^["']+|["']+$/g, '') : undefined;
    return fromArgs ?? (await firstExisting(view, '/var/lib/rabbitmq/mnesia'));
  },
};

const mosquitto: ServerSpec = {
  name: 'mosquitto',
  matches: (p) => p.exeName === 'mosquitto',
  packages: /^mosquitto$/,
  versionCommand: { args: ['-h'], pattern: /mosquitto version (\d[\w.]*)/ },
  async configPath(_view, p) {
    return optionValue(argv(p), '-c', '--config-file');
  },
  async dataDirectory(view, p) {
    const config = (await this.configPath?.(view, p)) ?? null;
    const location = spaceSetting((await readConfig(view, config)) ?? '', 'persistence_location');
    return location ? location.replace(/(.)\/$/, '$1') : null;
  },
};

const nats: ServerSpec = {
  name: 'nats',
  matches: (p) => p.exeName === 'nats-server' || p.exeName === 'gnatsd',
  packages: /^nats-server$/,
  versionCommand: { args: ['--version'], pattern: /v(\d+\.\d+\.\d+[\w.-]*)/ },
  async configPath(_view, p) {
    return optionValue(argv(p), '-c', '--config');
  },
  async dataDirectory(_view, p) {
    return optionValue(argv(p), '-sd', '--store_dir');
  },
};

const memcached: ServerSpec = {
  name: 'memcached',
  matches: (p) => p.exeName === 'memcached',
  packages: /^memcached$/,
  versionCommand: { args: ['-V'], pattern: /memcached (\d[\w.]*)/ },
};

export const databaseEngines: readonly ServerSpec[] = [postgresql, mysql, redis, mongodb, rabbitmq, mosquitto, nats, memcached];
