// What one log message says about logins, before lines of the same attempt are merged
// (merger.ts). Classifiers in this folder turn a LogRecord's message into a Signal.
import type { LoginReason } from '../../../model/login.js';
import type { LogRecord } from '../record.js';

export type Signal =
  /** A new connection and its peer ("Connection from A port P", "Remote: A-P"). */
  | { readonly kind: 'connect'; readonly ip: string; readonly port: number | null }
  | {
      readonly kind: 'success';
      readonly service: string;
      readonly reason: LoginReason;
      readonly user: string | null;
      readonly ip: string | null;
      readonly port: number | null;
    }
  | {
      readonly kind: 'failure';
      readonly service: string;
      readonly reason: LoginReason;
      readonly user: string | null;
      readonly ip: string | null;
      readonly port: number | null;
      /**
       * A hint that the attempt is not over: a PAM module failing before another one succeeds, a
       * public key refused before the next one is accepted. Held until the connection says more.
       */
      readonly tentative?: boolean;
      /** "Disconnecting…: Too many authentication failures" repeats "maximum … exceeded". */
      readonly echoesTooMany?: boolean;
    }
  /** The connection ended; before authentication (`[preauth]`) that is itself a failure. */
  | { readonly kind: 'close'; readonly service: string; readonly ip: string | null; readonly port: number | null; readonly user: string | null; readonly preauth: boolean };

export interface MessageClassifier {
  readonly name: string;
  /** Programs whose messages it reads; null for any program (generic PAM lines). */
  readonly programs: readonly string[] | null;
  classify(record: LogRecord): Signal | null;
}
