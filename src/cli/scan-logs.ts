// `palisade scan logs FILE… --format json|table`: the agent's login parsers and detectors run
// once over log files (auth.log, secure, journalctl -o json output, audit.log, wtmp/btmp, and
// their .gz rotations). A file that cannot be read is a warning; the others are still scanned.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
import type { CityResponse } from 'maxmind';
import { parse as parseYaml } from 'yaml';
import { loadLoginDetectionConfig } from '../engines/login/config.js';
import type { LocateAddress } from '../engines/login/detectors/detector.js';
import { detectLogins } from '../engines/login/detectors/index.js';
import { isIP } from '../engines/login/ip.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter } from '../engines/login/line-splitter.js';
import { LoginLogReader } from '../engines/login/log-reader.js';
import { utmpLoginEvents } from '../engines/login/sources/utmp.js';
import type { ScanWarning } from '../model/common.js';
import type { LoginDetection, LoginDetectionConfig, LoginEvent, LoginScanResult } from '../model/login.js';

export interface ScanLogsOptions {
  readonly now: Date;
  readonly utcOffsetMinutes: number;
  readonly config: LoginDetectionConfig;
  readonly locate?: LocateAddress;
  readonly maxLineBytes?: number;
}

export interface ScanLogsOutput extends LoginScanResult {
  readonly logins: LoginScanResult['logins'] & { readonly warnings: ScanWarning[] };
}

const binaryKind = (file: string): 'wtmp' | 'btmp' | null => {
  const m = /^(wtmp|btmp)(?:[.-]|$)/.exec(basename(file));
  return m ? (m[1] as 'wtmp' | 'btmp') : null;
};

async function scanTextFile(file: string, options: ScanLogsOptions, events: LoginEvent[], warnings: ScanWarning[]): Promise<void> {
  const reader = new LoginLogReader({ file, context: { now: options.now, utcOffsetMinutes: options.utcOffsetMinutes } });
  const fromFile: LoginEvent[] = [];
  const splitter = new LineSplitter(options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const stream = file.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (const item of splitter.push(chunk)) for (const event of reader.push(item)) fromFile.push(event);
  }
  for (const item of splitter.end()) for (const event of reader.push(item)) fromFile.push(event);
  fromFile.push(...reader.end());
  // Lines held for merging until the end come out last: put the file's events in line order.
  fromFile.sort((a, b) => a.line - b.line);
  for (const event of fromFile) events.push(event);
  warnings.push(...reader.warnings);
}

/** Scans the files; what cannot be read is reported in `warnings`, never thrown. */
export async function scanLogs(files: readonly string[], options: ScanLogsOptions): Promise<ScanLogsOutput> {
  const events: LoginEvent[] = [];
  const warnings: ScanWarning[] = [];
  for (const file of files) {
    try {
      const kind = binaryKind(file);
      if (kind) {
        const { records, trailingBytes } = utmpLoginEvents(await readFile(file), file, kind);
        events.push(...records);
        if (trailingBytes > 0) warnings.push({ source: 'logins', path: file, message: `${trailingBytes} bytes at the end are not a whole ${kind} record; skipped` });
      } else {
        await scanTextFile(file, options, events, warnings);
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      warnings.push({ source: 'logins', path: file, message: `cannot be read: ${code ?? (error as Error).message}; skipped` });
    }
  }
  const detections = detectLogins(events, options.config, { now: options.now, locate: options.locate });
  return { logins: { events, detections, warnings } };
}

/** Places addresses with a MaxMind GeoLite2/GeoIP2 City or Country database the user supplies. */
export async function openGeoLookup(path: string): Promise<LocateAddress> {
  const maxmind = await import('maxmind');
  let reader: Awaited<ReturnType<typeof maxmind.open<CityResponse>>>;
  try {
    reader = await maxmind.open<CityResponse>(path);
  } catch (error) {
    throw new Error(`--geoip ${path}: not a readable MaxMind database: ${(error as Error).message}`, { cause: error });
  }
  return (address) => {
    if (isIP(address) === 0) return null;
    const place = reader.get(address);
    const country = place?.country?.iso_code;
    if (!country) return null;
    // A City database places the login in a city; a Country database only in a country.
    const city = 'city' in place && place.city?.names.en;
    return city ? `${country}/${city}` : country;
  };
}

async function loadConfig(path: string | undefined): Promise<LoginDetectionConfig> {
  let override: unknown;
  if (path) {
    const text = await readFile(path, 'utf8');
    try {
      override = path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
    } catch (error) {
      throw new Error(`${path}: not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`, { cause: error });
    }
  }
  const result = loadLoginDetectionConfig(override);
  if (!result.ok) throw new Error(`${path ?? 'detection config'}: ${result.errors.join('; ')}`);
  return result.config;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

export function renderLoginTable(logins: ScanLogsOutput['logins']): string {
  const out: string[] = [];
  const failures = logins.events.filter((e) => e.type === 'failure').length;
  out.push(`Login events: ${logins.events.length} (${failures} failures, ${logins.events.length - failures} successes)`);
  out.push('');
  if (logins.detections.length === 0) out.push('Detections: none');
  else {
    out.push('Detections:');
    const rows = logins.detections.map((d: LoginDetection) => [d.severity, d.type, d.sourceIp ?? '-', d.user ?? '-', String(d.count), d.firstSeen, d.lastSeen]);
    const header = ['SEVERITY', 'TYPE', 'SOURCE', 'USER', 'COUNT', 'FIRST SEEN', 'LAST SEEN'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    for (const row of [header, ...rows]) out.push(row.map((cell, i) => pad(cell, widths[i] ?? 0)).join('  ').trimEnd());
  }
  for (const warning of logins.warnings) out.push(`warning: ${warning.path ?? ''}: ${warning.message}`);
  return `${out.join('\n')}\n`;
}

export function registerScanLogs(scan: Command): void {
  scan
    .command('logs')
    .description('find brute force, cracked passwords and abnormal logins in auth logs')
    .argument('<files...>', 'auth.log, secure, journalctl -o json output, audit.log, wtmp, btmp (.gz too)')
    .option('--format <format>', 'json or table', 'table')
    .option('--config <file>', 'detection thresholds (JSON or YAML, any subset of fields)')
    .option('--geoip <file>', 'MaxMind GeoLite2/GeoIP2 City or Country .mmdb for login locations')
    .option('--utc-offset <minutes>', 'time zone of year-less syslog dates, minutes east of UTC', '0')
    .option('--now <time>', 'the clock that places year-less dates (default: now)')
    .action(async (files: string[], opts: { format: string; config?: string; geoip?: string; utcOffset: string; now?: string }) => {
      if (opts.format !== 'json' && opts.format !== 'table') throw new Error(`--format: expected json or table, got ${opts.format}`);
      const utcOffsetMinutes = Number(opts.utcOffset);
      if (!Number.isInteger(utcOffsetMinutes) || Math.abs(utcOffsetMinutes) > 14 * 60) throw new Error(`--utc-offset: expected minutes between -840 and 840, got ${opts.utcOffset}`);
      const now = opts.now ? new Date(opts.now) : new Date();
      if (Number.isNaN(now.getTime())) throw new Error(`--now: not a time: ${opts.now}`);
      const config = await loadConfig(opts.config);
      const locate = opts.geoip ? await openGeoLookup(opts.geoip) : undefined;
      const result = await scanLogs(files, { now, utcOffsetMinutes, config, locate });
      if (opts.format === 'json') process.stdout.write(`${JSON.stringify(result)}\n`);
      else process.stdout.write(renderLoginTable(result.logins));
      const unreadable = result.logins.warnings.filter((w) => w.message.startsWith('cannot be read')).length;
      if (unreadable === files.length) process.exitCode = 2;
    });
}
