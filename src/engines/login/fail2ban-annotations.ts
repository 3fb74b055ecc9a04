// Reads fail2ban's `# failJSON:` test annotations (corpora/authlogs) so tests and the bench can
// compare Palisade with fail2ban line by line. Palisade has one mode; fail2ban's test harness
// runs a block in each of its modes and skips a line whose `constraint` is false in that mode.
// "In all of fail2ban's modes a failure is a failure", so the lines are replayed as in the
// broadest mode (aggressive), which is how a line that is tested twice with opposite answers
// ("no failure in normal mode" / "matches in aggressive mode only") is seen once.

export interface Annotation {
  /** 1-based line number of the annotated log line. */
  readonly line: number;
  readonly match: boolean;
  readonly host: string | null;
  readonly desc: string;
}

export interface AnnotatedLog {
  /** The file with lines skipped in aggressive mode blanked (numbering kept). */
  readonly text: string;
  readonly annotations: readonly Annotation[];
}

function constraintHolds(constraint: string): boolean {
  // The constraints used in the corpus: the filter's name and its mode.
  const expression = constraint
    .replace(/opts\.get\('mode'\)/g, "'aggressive'")
    .replace(/\bname\b/g, "'sshd'");
  const m = /^\s*'([^']*)'\s*(==|!=)\s*'([^']*)'\s*$/.exec(expression);
  if (!m) throw new Error(`unsupported failJSON constraint: ${constraint}`);
  return m[2] === '==' ? m[1] === m[3] : m[1] !== m[3];
}

export function readAnnotatedLog(content: string): AnnotatedLog {
  const lines = content.split('\n');
  const annotations: Annotation[] = [];
  let waiting: { match: boolean; host: string | null; desc: string; constraint?: string } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const json = /^# failJSON: (\{.*\})\s*$/.exec(line);
    if (json?.[1]) {
      const data = JSON.parse(json[1]) as { match: boolean; host?: string; ip4?: string; ip6?: string; desc?: string; constraint?: string };
      waiting = { match: data.match, host: data.host ?? data.ip4 ?? data.ip6 ?? null, desc: data.desc ?? '', constraint: data.constraint };
      continue;
    }
    if (line.startsWith('#') || waiting === null) continue;
    if (waiting.constraint !== undefined && !constraintHolds(waiting.constraint)) lines[i] = '';
    else annotations.push({ line: i + 1, match: waiting.match, host: waiting.host, desc: waiting.desc });
    waiting = null;
  }
  return { text: lines.join('\n'), annotations };
}

/**
 * A `match: false` that only holds in fail2ban's normal mode: the same message is a failure in
 * its extra/aggressive modes, so a failure here is agreement with fail2ban, not a disagreement.
 */
export function isNormalModeOnlyNegative(annotation: Annotation): boolean {
  return !annotation.match && /no failure in normal mode/i.test(annotation.desc);
}
