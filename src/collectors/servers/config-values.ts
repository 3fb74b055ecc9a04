// The one or two settings the server collectors need from each server's own configuration
// format: small readers, not full parsers. Each returns null when the setting is not there.
import type { SystemView } from '../../view/system-view.js';
import { parse as parseYaml } from 'yaml';
import { readConfig } from './server-spec.js';

/** postgresql.conf: "name = value", value optionally single-quoted, "#" comments. */
export function postgresSetting(text: string, name: string): string | null {
  let value: string | null = null;
  for (const line of text.split('\n')) {
    const match = /^\s*([a-z_]+)\s*=?\s*('(?:[^']|'')*'|[^\s#]+)/i.exec(line);
    if (match?.[1]?.toLowerCase() === name) value = (match[2] as string).replace(/^'|'$/g, '').replace(/''/g, "'");
  }
  return value;
}

/** "key value" configuration (redis.conf, mosquitto.conf): the last occurrence wins, as in both servers. */
export function spaceSetting(text: string, name: string): string | null {
  let value: string | null = null;
  for (const line of text.split('\n')) {
    const match = /^\s*(\S+)\s+(.*?)\s*$/.exec(line);
    if (match?.[1] === name) value = (match[2] as string).replace(/^"(.*)"$/, '$1');
  }
  return value;
}

const MYSQL_SERVER_SECTIONS = /^(mysqld|server|mariadb|mariadbd|mysqld-[\d.]+|mariadb-[\d.]+)$/;

/**
 * A server option from MySQL/MariaDB option files, following "!include FILE" and
 * "!includedir DIR" (its *.cnf files in name order), as mysqld reads them; the last value wins.
 */
export async function mysqlOption(view: SystemView, file: string, name: string, depth = 0): Promise<string | null> {
  const text = await readConfig(view, file);
  if (text === null || depth > 8) return null;
  let section = '';
  let value: string | null = null;
  const normalized = name.replace(/_/g, '-');
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const header = /^\[([^\]]+)\]/.exec(line);
    if (header?.[1] !== undefined) {
      section = header[1].trim().toLowerCase();
      continue;
    }
    const include = /^!include(dir)?\s+(.+)$/.exec(line);
    if (include?.[2] !== undefined) {
      const target = include[2].trim();
      const files = include[1]
        ? ((await view.readDir(target).catch(() => null)) ?? []).filter((entry) => entry.endsWith('.cnf')).map((entry) => `${target}/${entry}`)
        : [target];
      for (const included of files) value = (await mysqlOption(view, included, name, depth + 1)) ?? value;
      continue;
    }
    if (!MYSQL_SERVER_SECTIONS.test(section)) continue;
    const option = /^([\w-]+)\s*=\s*(.*)$/.exec(line);
    if (option?.[1]?.replace(/_/g, '-') === normalized) value = (option[2] as string).replace(/^["']|["']$/g, '').trim();
  }
  return value;
}

/** A nested key of a YAML file (mongod.conf's storage.dbPath). */
export async function yamlSetting(view: SystemView, file: string | null, keys: readonly string[]): Promise<string | null> {
  const text = await readConfig(view, file);
  if (text === null) return null;
  try {
    let node: unknown = parseYaml(text);
    for (const key of keys) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    return typeof node === 'string' ? node : null;
  } catch {
    return null;
  }
}
