// Variable assignments as /etc/environment (pam_env's KEY=VALUE, optionally quoted) and simple
// shell profiles (`export KEY=value`, `KEY="value"`) write them. Only top-level, literal
// assignments are taken: a profile script is not run, so what it computes is not known.
export interface Assignment {
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

const ASSIGNMENT = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

function unquote(raw: string): string {
  const value = raw.trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) return value.slice(1, -1);
  // An unquoted shell value ends at the first blank or comment.
  return value.replace(/\s+#.*$/, '').replace(/;\s*$/, '');
}

export function parseAssignments(text: string): Assignment[] {
  const found: Assignment[] = [];
  text.split('\n').forEach((raw, index) => {
    // Indented lines sit inside if/for/functions: conditional, so not taken as system-wide.
    if (/^\s/.test(raw)) return;
    const match = ASSIGNMENT.exec(raw.trim());
    if (match) found.push({ name: match[1] as string, value: unquote(match[2] as string), line: index + 1 });
  });
  return found;
}
