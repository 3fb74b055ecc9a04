// Turns the command of a `c:` rule into argv, the way a POSIX shell splits words (quotes and
// backslashes), because Palisade runs commands without a shell. What only a shell could do (pipes,
// redirections, `;`, `&&`, `$VAR`, `$(…)`, globs) is refused with the reason, never half-run.
// Policies that need a shell say so themselves (`sh -c '…'`), and that is their trusted choice.
export type CommandLine = { readonly argv: readonly string[] } | { readonly error: string };

const OPERATORS = new Set(['|', ';', '&', '<', '>', '`']);
const GLOBS = new Set(['*', '?', '[']);

export function splitCommandLine(command: string): CommandLine {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  const input = command.trim();
  for (let i = 0; i < input.length; i++) {
    const char = input[i] as string;
    if (char === ' ' || char === '\t' || char === '\n') {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (char === "'") {
      const end = input.indexOf("'", i + 1);
      if (end === -1) return { error: 'unterminated single quote' };
      word += input.slice(i + 1, end);
      i = end;
      continue;
    }
    if (char === '"') {
      let j = i + 1;
      for (; j < input.length && input[j] !== '"'; j++) {
        const inner = input[j] as string;
        if (inner === '\\' && j + 1 < input.length && '"\\$`\n'.includes(input[j + 1] as string)) {
          word += input[j + 1];
          j++;
        } else if (inner === '$' || inner === '`') {
          return { error: `'${inner}' expansion inside double quotes needs a shell` };
        } else {
          word += inner;
        }
      }
      if (j >= input.length) return { error: 'unterminated double quote' };
      i = j;
      continue;
    }
    if (char === '\\') {
      if (i + 1 < input.length) word += input[++i];
      continue;
    }
    if (OPERATORS.has(char)) return { error: `shell operator '${char}' needs a shell` };
    if (char === '$') return { error: "'$' expansion needs a shell" };
    if (GLOBS.has(char)) return { error: `glob '${char}' needs a shell to expand` };
    word += char;
  }
  if (inWord) argv.push(word);
  if (argv.length === 0) return { error: 'empty command' };
  return { argv };
}
