// Validation of one OSV record at the import boundary: a record that does not follow the schema
// is refused with the place and field that is wrong, never half-imported.
import { OsvRecord } from '../../model/advisory.js';

export type ParsedRecord = { readonly ok: true; readonly record: OsvRecord } | { readonly ok: false; readonly error: string };

export function parseOsvRecord(value: unknown, where: string): ParsedRecord {
  const result = OsvRecord.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue?.path.length ? issue.path.join('.') : '(record)';
    const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
    return { ok: false, error: `${where}: ${path}: ${issue?.message ?? 'invalid OSV record'}${more}` };
  }
  return { ok: true, record: result.data };
}

/** Every (ecosystem, package name) an advisory names: what the database indexes it by. */
export function affectedPackages(record: OsvRecord): { ecosystem: string; name: string }[] {
  const seen = new Map<string, { ecosystem: string; name: string }>();
  for (const affected of record.affected ?? []) {
    if (!affected.package) continue;
    const { ecosystem, name } = affected.package;
    seen.set(`${ecosystem}\u0000${name}`, { ecosystem, name });
  }
  return [...seen.values()];
}
