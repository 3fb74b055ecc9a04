// `--format json`: the report as it is, camelCase, for machines (its schema: `palisade schema report`).
import type { ReportWriter } from './writer.js';

export const jsonWriter: ReportWriter = {
  name: 'json',
  write: ({ report }) => `${JSON.stringify(report, null, 2)}\n`,
};
