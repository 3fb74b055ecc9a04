// The database engines (and the data services beside them: message brokers, caches) the
// `databases` collector recognises. Each entry says how its processes look, which packages
// carry it, how to ask its version as a last resort, and where its data directory is set.
import type { SystemView } from '../../view/system-view.js';
import { mysqlOption, postgresSetting, spaceSetting, yamlSetting } from './config-values.js';
import { existing, firstExisting, optionValue, readConfig, type ConfiguredServer, type ServerProcess, type ServerSpec } from './server-spec.js';

/** The working directory of a live process: PostgreSQL, MariaDB/MySQL and Redis chdir() to their data directory. */
async function workingDirectory(view: SystemView, process: ServerProcess): Promise<string | null> {
  if (!view.live) return null;
  const cwd = await view.readLink(`/proc/${process.entry.pid}/cwd`).catch(() => null);
  return cwd && cwd !== '/' ? cwd : null;
}

const argv = (process: ServerProcess) => process.entry.argv;

function portNumber(value: string | null | undefined, fallback: number): number {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : fallback;
}

/** Every PostgreSQL cluster Debian's postgresql-common knows: /etc/postgresql/VERSION/CLUSTER/postgresql.conf. */
async function postgresClusters(view: SystemView): Promise<string[]> {
  const configs: string[] = [];
  for (const version of (await view.readDir('/etc/postgresql').catch(() => null)) ?? []) {
    for (const cluster of (await view.readDir(`/etc/postgresql/${version}`).catch(() => null)) ?? []) {
      const path = `/etc/postgresql/${version}/${cluster}/postgresql.conf`;
      if (await existing(view, path)) configs.push(path);
    }
  }
  return configs;
}

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
  installed: {
    // Debian postgresql-16, Red Hat postgresql16-server, Alpine postgresql16.
    serverPackages: /^postgresql(-\d+|\d+|\d*-server)$/,
    async configured(view): Promise<ConfiguredServer> {
      const configPath = (await postgresClusters(view))[0] ?? (await firstExisting(view, '/var/lib/pgsql/data/postgresql.conf'));
      const text = (await readConfig(view, configPath)) ?? '';
      const dataDirectory = postgresSetting(text, 'data_directory') ?? (configPath?.endsWith('/data/postgresql.conf') ? configPath.slice(0, -'/postgresql.conf'.length) : null);
      return { ports: [portNumber(postgresSetting(text, 'port'), 5432)], dataDirectory, configPath };
    },
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
  installed: {
    serverPackages: /^(mariadb|mysql|percona)-server(-[\d.]+)?$|^mysql-community-server$|^mariadb$/,
    async configured(view): Promise<ConfiguredServer> {
      const configPath = await firstExisting(view, '/etc/mysql/my.cnf', '/etc/my.cnf');
      const port = configPath ? await mysqlOption(view, configPath, 'port') : null;
      const dataDirectory = (configPath ? await mysqlOption(view, configPath, 'datadir') : null) ?? (await firstExisting(view, '/var/lib/mysql'));
      return { ports: [portNumber(port, 3306)], dataDirectory, configPath };
    },
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
  installed: {
    serverPackages: /^redis(-server)?$/,
    async configured(view): Promise<ConfiguredServer> {
      const configPath = await firstExisting(view, '/etc/redis/redis.conf', '/etc/redis.conf');
      const text = (await readConfig(view, configPath)) ?? '';
      return { ports: [portNumber(spaceSetting(text, 'port'), 6379)], dataDirectory: spaceSetting(text, 'dir'), configPath };
    },
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
  installed: {
    serverPackages: /^mongodb(-org)?-server$|^mongodb$/,
    async configured(view): Promise<ConfiguredServer> {
      const configPath = await firstExisting(view, '/etc/mongod.conf', '/etc/mongodb.conf');
      const dataDirectory = (await yamlSetting(view, configPath, ['storage', 'dbPath'])) ?? (await firstExisting(view, '/var/lib/mongodb'));
      return { ports: [27017], dataDirectory, configPath };
    },
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
  installed: {
    serverPackages: /^rabbitmq-server$/,
    async configured(view): Promise<ConfiguredServer> {
      return { ports: [5672], dataDirectory: await firstExisting(view, '/var/lib/rabbitmq/mnesia'), configPath: await firstExisting(view, '/etc/rabbitmq/rabbitmq.conf') };
    },
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
  installed: {
    serverPackages: /^mosquitto$/,
    async configured(view): Promise<ConfiguredServer> {
      const configPath = await firstExisting(view, '/etc/mosquitto/mosquitto.conf');
      const text = (await readConfig(view, configPath)) ?? '';
      // "listener PORT [ADDRESS]" lines, or the older "port PORT"; 1883 when neither is set.
      const ports = [...text.matchAll(/^\s*(?:listener|port)\s+(\d+)/gm)].map((match) => portNumber(match[1], 1883));
      const location = spaceSetting(text, 'persistence_location');
      return { ports: ports.length > 0 ? [...new Set(ports)].sort((a, b) => a - b) : [1883], dataDirectory: location ? location.replace(/(.)\/$/, '$1') : null, configPath };
    },
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
  installed: {
    serverPackages: /^nats-server$/,
    async configured(view): Promise<ConfiguredServer> {
      return { ports: [4222], dataDirectory: null, configPath: await firstExisting(view, '/etc/nats-server.conf', '/etc/nats/nats-server.conf') };
    },
  },
};

const memcached: ServerSpec = {
  name: 'memcached',
  matches: (p) => p.exeName === 'memcached',
  packages: /^memcached$/,
  versionCommand: { args: ['-V'], pattern: /memcached (\d[\w.]*)/ },
  installed: {
    serverPackages: /^memcached$/,
    async configured(view): Promise<ConfiguredServer> {
      const configPath = await firstExisting(view, '/etc/memcached.conf');
      const port = /^\s*-p\s+(\d+)/m.exec((await readConfig(view, configPath)) ?? '')?.[1];
      return { ports: [portNumber(port, 11211)], dataDirectory: null, configPath };
    },
  },
};

export const databaseEngines: readonly ServerSpec[] = [postgresql, mysql, redis, mongodb, rabbitmq, mosquitto, nats, memcached];
