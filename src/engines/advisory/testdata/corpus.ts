// Test helper (not shipped): loads the real OSV records of ../shared/corpora/osv and osv-derived.
import { readdirSync, readFileSync } from 'node:fs';
import type { OsvRecord } from '../../../model/advisory.js';
import { parseOsvRecord } from '../osv-record.js';

export const corpusDir = (sub: string) => new URL(`../../../../../shared/corpora/${sub}/`, import.meta.url);

export function loadCorpusRecords(subs: readonly string[] = ['osv', 'osv-derived/debian', 'osv-derived/alpine']): OsvRecord[] {
  const records: OsvRecord[] = [];
  for (const sub of subs) {
    const dir = corpusDir(sub);
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
      const parsed = parseOsvRecord(JSON.parse(readFileSync(new URL(file, dir), 'utf8')), `${sub}/${file}`);
      if (!parsed.ok) throw new Error(parsed.error);
      records.push(parsed.record);
    }
  }
  return records;
}
