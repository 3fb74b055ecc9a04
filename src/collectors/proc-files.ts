// Small parsers for /proc files the resource and host collectors share (proc(5)).

/** /proc/meminfo "MemTotal:  16316412 kB" → bytes by key. */
export function parseMeminfo(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w[\w()]*):\s+(\d+)(?:\s+kB)?$/.exec(line.trim());
    if (match) values.set(match[1] as string, Number(match[2]) * (line.includes('kB') ? 1024 : 1));
  }
  return values;
}

/** The aggregate "cpu" line of /proc/stat: total and idle jiffies (idle + iowait). */
export function cpuTimes(stat: string): { total: number; idle: number } | null {
  const line = stat.split('\n').find((l) => l.startsWith('cpu '));
  if (!line) return null;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  if (values.some(Number.isNaN) || values.length < 4) return null;
  // guest time is already counted in user time (proc(5)), so only the first 8 fields add up.
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0);
  return { total, idle: (values[3] ?? 0) + (values[4] ?? 0) };
}

/** /proc/cpuinfo: number of "processor" entries and the first "model name". */
export function parseCpuinfo(text: string): { count: number; model: string | null } {
  const count = text.split('\n').filter((line) => /^processor\s*:/.test(line)).length;
  const model = /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? null;
  return { count, model };
}

/** os-release(5): KEY=value lines, values optionally quoted with shell escapes. */
export function parseOsRelease(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (!match) continue;
    let value = (match[2] as string).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
    values.set(match[1] as string, value);
  }
  return values;
}
