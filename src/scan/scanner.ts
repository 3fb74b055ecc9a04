// A scanner runs analyzers over a SystemView and returns its section of the report
// (`inventory`, `vulnerabilities`, `baseline`, `secrets`, `malware`…). The CLI and the agent
// run the same scanners, so `palisade scan` and the agent agree.
import type { ScanWarning } from '../model/common.js';
import type { SystemView } from '../view/system-view.js';

export interface ScanContext {
  /** The clock engines use; never Date.now() inside an engine. */
  readonly now: () => Date;
  readonly options: Readonly<Record<string, unknown>>;
  warn(warning: ScanWarning): void;
}

export interface ViewScanner {
  /** The name used with --scanners. */
  readonly name: string;
  /** Bumped whenever results would change, so cached results are recomputed (STYLE.md habit 4). */
  readonly version: number;
  /** Returns the report sections it fills, keyed by their JSON name. */
  scan(view: SystemView, context: ScanContext): Promise<Record<string, unknown>>;
  /** Renders this scanner's sections for people (`--format table`). */
  renderTable(sections: Readonly<Record<string, unknown>>): string;
}
