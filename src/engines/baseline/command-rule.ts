// `c:` rules: run a command and match its output. Only on a live view that can run commands, only
// for a policy the operator trusts, without a shell (see command-line.ts), with a timeout and a
// bound on the output kept. Like Wazuh 5, the pattern is tried on stdout, then on stderr (a
// "package … is not installed" answer comes on stderr), and the exit status does not matter.
import { splitCommandLine } from './command-line.js';
import { matchContent, splitLines } from './content-match.js';
import type { EvaluationContext } from './context.js';
import type { RawOutcome } from './rule-outcome.js';
import type { ParsedRule } from './rule-parser.js';
import type { CommandResult } from '../../view/system-view.js';

const MAX_OUTPUT_BYTES = 1024 * 1024;

async function runBounded(context: EvaluationContext, argv: readonly string[]): Promise<CommandResult | { invalid: string }> {
  const run = context.view.run?.bind(context.view);
  if (!run) return { invalid: 'this view cannot run commands' };
  const timeoutMs = context.options.commandTimeoutMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // The view enforces the timeout; this guard only makes sure a check can never wait forever.
  const guard = new Promise<{ invalid: string }>((resolve) => {
    timer = setTimeout(() => resolve({ invalid: `'${argv.join(' ')}' did not finish within ${timeoutMs + 2000} ms` }), timeoutMs + 2000);
  });
  try {
    return await Promise.race([run(argv, { timeoutMs, maxOutputBytes: MAX_OUTPUT_BYTES }), guard]);
  } catch (error) {
    return { invalid: `could not run '${argv.join(' ')}': ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}

export async function evaluateCommandRule(context: EvaluationContext, rule: ParsedRule, policyId: string): Promise<RawOutcome> {
  const command = rule.targets[0] ?? '';
  const { view, options } = context;
  if (!view.live || !view.run) return { found: 'invalid', detail: `command rules run only on a live host; not run over this ${view.kind} view (${command})` };
  if (!options.trustCommands) return { found: 'invalid', detail: `policy ${policyId} is not trusted to run commands; '${command}' not run` };
  const parsed = splitCommandLine(command);
  if ('error' in parsed) return { found: 'invalid', detail: `'${command}' not run: ${parsed.error} and commands run without one` };
  const result = await context.run(JSON.stringify(parsed.argv), () => runBounded(context, parsed.argv));
  if ('invalid' in result) return { found: 'invalid', detail: result.invalid };
  if (result.timedOut) return { found: 'invalid', detail: `'${command}' was killed after ${options.commandTimeoutMs} ms` };
  if (result.exitCode === null) return { found: 'invalid', detail: `'${command}' could not be run: ${result.stderr.trim() || 'no such command'}` };
  const status = `exit ${result.exitCode}`;
  if (!rule.content) return { found: true, detail: `'${command}' ran (${status})` };
  const content = rule.content;
  if (content.metadata) return { found: 'invalid', detail: 'file metadata tests do not apply to command output' };
  // One pool of lines, stdout first: "a line matches" looks in both, and "no line matches" (a lone
  // `!` minterm) must hold for both, so an empty or unrelated stderr can never make it true alone.
  const stdout = splitLines(result.stdout.replace(/\n+$/, ''));
  const stderr = splitLines(result.stderr.replace(/\n+$/, ''));
  const match = matchContent([...stdout, ...stderr], content);
  if ('invalid' in match) return { found: 'invalid', detail: `'${command}': ${match.invalid}` };
  const where = (line: number) => (line <= stdout.length ? `stdout line ${line}` : `stderr line ${line - stdout.length}`);
  if (match.matched) {
    const said = match.line === undefined ? `no output line matches '${content.text.trimStart().slice(1)}'` : `${where(match.line)} matches '${content.text}'`;
    return { found: true, ...(match.line ? { line: match.line } : {}), ...(match.text ? { text: match.text } : {}), detail: `'${command}' (${status}): ${said}` };
  }
  if (match.line !== undefined) {
    return { found: false, line: match.line, ...(match.text ? { text: match.text } : {}), detail: `'${command}' (${status}): ${where(match.line)} matches '${content.text.trimStart().slice(1)}'` };
  }
  const firstLine = splitLines(result.stdout)[0] ?? splitLines(result.stderr)[0] ?? '';
  return {
    found: false,
    ...(firstLine ? { text: firstLine.slice(0, 200) } : {}),
    detail: `'${command}' (${status}): no output line matches '${content.text}'`,
  };
}
