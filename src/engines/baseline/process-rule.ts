// `p:` rules: is a process of that name running? Only a live view has processes; the list comes
// from /proc through the view (comm, and the base name of argv[0] since comm is cut at 15 chars).
import type { EvaluationContext, ProcessEntry } from './context.js';
import type { RawOutcome } from './rule-outcome.js';
import type { ParsedRule } from './rule-parser.js';

async function listProcesses(context: EvaluationContext): Promise<readonly ProcessEntry[] | { invalid: string }> {
  const names = await context.view.readDir('/proc').catch(() => null);
  if (!names) return { invalid: '/proc is not readable in this view' };
  const entries: ProcessEntry[] = [];
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    // A process may exit while we read: a vanished entry is skipped, not an error.
    const comm = await context.view.readText(`/proc/${name}/comm`, { maxBytes: 256 }).catch(() => null);
    if (comm === null) continue;
    const cmdline = await context.view.readText(`/proc/${name}/cmdline`, { maxBytes: 4096 }).catch(() => null);
    const argv0 = (cmdline ?? '').split('\0')[0] ?? '';
    entries.push({ pid: Number(name), comm: comm.trim(), argv0: argv0.slice(argv0.lastIndexOf('/') + 1) });
  }
  return entries;
}

export async function evaluateProcessRule(context: EvaluationContext, rule: ParsedRule): Promise<RawOutcome> {
  const name = rule.targets[0] ?? '';
  if (!context.view.live) return { found: 'invalid', detail: `process rules need a running system; this ${context.view.kind} view has no processes` };
  const processes = await context.processList(() => listProcesses(context));
  if ('invalid' in processes) return { found: 'invalid', detail: processes.invalid };
  const hit = processes.find((process) => process.comm === name || process.argv0 === name);
  if (hit) return { found: true, path: `/proc/${hit.pid}`, detail: `process ${name} is running (pid ${hit.pid})` };
  return { found: false, detail: `no running process is named ${name} (${processes.length} processes seen)` };
}
