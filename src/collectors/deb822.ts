// Stanzas of "Field: value" lines separated by blank lines (Debian control syntax, deb822(5)),
// as in /var/lib/dpkg/status. Continuation lines start with a space or tab. Lines that are
// neither are reported by line number so a broken status file still yields its good stanzas.
export interface Stanza {
  readonly fields: ReadonlyMap<string, string>;
  /** 1-based line where the stanza starts. */
  readonly line: number;
}

export interface ParsedStanzas {
  readonly stanzas: Stanza[];
  readonly badLines: number[];
}

export function parseStanzas(text: string): ParsedStanzas {
  const stanzas: Stanza[] = [];
  const badLines: number[] = [];
  let fields = new Map<string, string>();
  let start = 1;
  let last: string | null = null;
  const lines = text.split('\n');
  const flush = () => {
    if (fields.size > 0) stanzas.push({ fields, line: start });
    fields = new Map();
    last = null;
  };
  lines.forEach((raw, index) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') {
      flush();
      start = index + 2;
      return;
    }
    if ((line.startsWith(' ') || line.startsWith('\t')) && last !== null) {
      fields.set(last, `${fields.get(last) ?? ''}\n${line.slice(1)}`);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || /\s/.test(line.slice(0, colon))) {
      badLines.push(index + 1);
      return;
    }
    last = line.slice(0, colon);
    fields.set(last, line.slice(colon + 1).trim());
  });
  flush();
  return { stanzas, badLines };
}
