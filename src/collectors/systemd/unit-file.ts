// systemd unit files (systemd.syntax(7)): "[Section]" headers, "Key=Value" lines, "#"/";"
// comments, a trailing backslash continuing a line. A key may repeat (ExecStart=, WantedBy=).
export type UnitFile = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

export function parseUnitFile(text: string): UnitFile {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | null = null;
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    let line = (lines[index] ?? '').trim();
    while (line.endsWith('\\') && index + 1 < lines.length) {
      index += 1;
      line = `${line.slice(0, -1)} ${(lines[index] ?? '').trim()}`;
    }
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = sections.get(header[1] as string) ?? new Map();
      sections.set(header[1] as string, current);
      continue;
    }
    const equals = line.indexOf('=');
    if (equals <= 0 || current === null) continue;
    const key = line.slice(0, equals).trim();
    const value = line.slice(equals + 1).trim();
    current.set(key, [...(current.get(key) ?? []), value]);
  }
  return sections;
}

export function unitValues(unit: UnitFile, section: string, key: string): readonly string[] {
  return unit.get(section)?.get(key) ?? [];
}

/** The last non-empty assignment wins for single-valued keys (an empty one resets the list). */
export function unitValue(unit: UnitFile, section: string, key: string): string | null {
  const values = unitValues(unit, section, key);
  const last = values[values.length - 1];
  return last === undefined || last === '' ? null : last;
}
