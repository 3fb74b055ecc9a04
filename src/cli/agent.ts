// `palisade agent`: the host agent. Enrolls once with a token, then runs until stopped.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import pino from 'pino';
import { startAgent } from '../agent/daemon.js';
import { uninstallAgent } from '../agent/uninstall.js';
import { LOGIN_SOURCES, type LoginSource } from '../agent/watchers/login-source.js';
import { stopOnSignals } from './lifecycle.js';

export function defaultAgentDataDir(): string {
  return process.getuid?.() === 0 ? '/var/lib/palisade/agent' : join(homedir(), '.palisade', 'agent');
}

export function registerAgent(program: Command): void {
  program
    .command('agent')
    .description('run the host agent: enroll with a server once, then report and take orders')
    .option('--server <url>', 'the Palisade server (PALISADE_SERVER_URL)')
    .option('--enroll-token <token>', 'enrollment token from the console, needed the first time (PALISADE_ENROLL_TOKEN)')
    .option('--data-dir <dir>', 'agent state and spool (PALISADE_AGENT_DATA_DIR, default /var/lib/palisade/agent as root)')
    .option('--log-level <level>', 'log level (PALISADE_LOG_LEVEL, default info)')
    .option('--no-inventory', 'do not collect and send the host inventory')
    .option('--disk-inventory-delay <seconds>', 'seconds after start before the first whole-disk inventory: jars, web frameworks, language packages (default 600)')
    .option('--no-baseline', 'do not run the daily baseline checks (nor "detect now" orders)')
    .option('--baseline-policy <path...>', "baseline policy files or directories (default Palisade's own); command rules never run")
    .option('--auth-log <path...>', 'auth logs to follow for login attempts (default /var/log/auth.log and /var/log/secure)')
    .option('--block', 'carry out block orders: drop attacking sources with nftables (needs root or CAP_NET_ADMIN)')
    .option('--block-netns <name>', 'apply the nftables blocks inside this network namespace instead of the host\'s')
    .option('--management-cidr <cidr...>', 'networks or addresses never blocked (the server and this host\'s own addresses never are)')
    .option('--no-logins', 'do not follow login activity')
    .option('--login-source <source>', `where login activity is read: ${LOGIN_SOURCES.join(', ')} (auto: the auth log files when one exists, else the systemd journal when journald runs)`, 'auto')
    .option('--uninstall', 'tell the server this host is being uninstalled, then remove the agent state and spool')
    .action(async (flags: { server?: string; enrollToken?: string; dataDir?: string; logLevel?: string; inventory: boolean; diskInventoryDelay?: string; baseline: boolean; baselinePolicy?: string[]; authLog?: string[]; logins: boolean; loginSource: string; block?: boolean; blockNetns?: string; managementCidr?: string[]; uninstall?: boolean }) => {
      if (!(LOGIN_SOURCES as readonly string[]).includes(flags.loginSource)) throw new Error(`--login-source must be one of ${LOGIN_SOURCES.join(', ')}, not ${JSON.stringify(flags.loginSource)}`);
      const dataDir = flags.dataDir ?? process.env.PALISADE_AGENT_DATA_DIR ?? defaultAgentDataDir();
      if (flags.uninstall) {
        const done = await uninstallAgent(dataDir);
        console.log(done ? `host ${done.hostId} marked uninstalled; agent state removed from ${dataDir}` : `no agent state in ${dataDir}: nothing to uninstall`);
        return;
      }
      const diskDelay = flags.diskInventoryDelay === undefined ? undefined : Number(flags.diskInventoryDelay);
      if (diskDelay !== undefined && !(Number.isInteger(diskDelay) && diskDelay >= 0)) throw new Error(`--disk-inventory-delay must be a whole number of seconds, not ${JSON.stringify(flags.diskInventoryDelay)}`);
      const serverUrl = flags.server ?? process.env.PALISADE_SERVER_URL;
      if (!serverUrl) throw new Error('give --server URL (or PALISADE_SERVER_URL)');
      const agent = await startAgent({
        serverUrl,
        enrollToken: flags.enrollToken ?? process.env.PALISADE_ENROLL_TOKEN,
        dataDir,
        log: pino({ level: flags.logLevel ?? process.env.PALISADE_LOG_LEVEL ?? 'info', base: { component: 'agent' } }),
        inventory: flags.inventory,
        diskInventoryDelaySeconds: diskDelay,
        baseline: flags.baseline,
        logins: flags.logins,
        loginSource: flags.loginSource as LoginSource,
        ...(flags.baselinePolicy ? { baselinePolicies: flags.baselinePolicy } : {}),
        ...(flags.authLog ? { authLogPaths: flags.authLog } : {}),
        ...(flags.block || flags.blockNetns ? { blocking: { netns: flags.blockNetns, managementCidrs: flags.managementCidr } } : {}),
      });
      stopOnSignals(() => agent.stop());
    });
}
