// Every report writer selectable with --format, one line each; duplicates throw.
import { cyclonedxWriter } from './cyclonedx.js';
import { jsonWriter } from './json.js';
import { sarifWriter } from './sarif.js';
import { tableWriter } from './table-writer.js';
import type { ReportWriter } from './writer.js';

const members: readonly ReportWriter[] = [tableWriter, jsonWriter, sarifWriter, cyclonedxWriter];

export const writers: ReadonlyMap<string, ReportWriter> = (() => {
  const map = new Map<string, ReportWriter>();
  for (const writer of members) {
    if (map.has(writer.name)) throw new Error(`duplicate report writer ${writer.name}`);
    map.set(writer.name, writer);
  }
  return map;
})();
