// A report writer turns a finished scan into one output format (`--format NAME`).
import type { Report } from '../model/report.js';
import type { ViewScanner } from '../scan/scanner.js';

export interface WrittenScan {
  readonly report: Report;
  readonly ran: readonly ViewScanner[];
}

export interface ReportWriter {
  readonly name: string;
  write(scan: WrittenScan): string;
}
