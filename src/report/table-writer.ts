// `--format table`: what was scanned, each scanner's own rendering of its sections, then the
// warnings, so a person sees what was skipped.
import { formatTable } from './table.js';
import type { ReportWriter } from './writer.js';

export const tableWriter: ReportWriter = {
  name: 'table',
  write({ report, ran }) {
    const parts = [`Scan of ${report.target.kind} ${report.target.name} (palisade ${report.palisadeVersion}, ${report.finishedAt})\n`];
    for (const scanner of ran) parts.push(scanner.renderTable(report));
    parts.push(
      formatTable('Warnings', [
        { header: 'source', value: (w: (typeof report.warnings)[number]) => w.source },
        { header: 'path', value: (w) => w.path, max: 60 },
        { header: 'message', value: (w) => w.message, max: 100 },
      ], report.warnings),
    );
    return parts.join('\n');
  },
};
