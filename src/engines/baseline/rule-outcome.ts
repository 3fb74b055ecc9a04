// What evaluating one rule gives before the rule's own `not` is applied.
export interface RawOutcome {
  /** true: the file/line/process/output was found; 'invalid': the rule could not be answered. */
  readonly found: boolean | 'invalid';
  readonly detail: string;
  readonly path?: string;
  readonly line?: number;
  readonly text?: string;
  /** The file does not exist: in a list of files, others may still answer (see file-rule). */
  readonly missing?: true;
}
