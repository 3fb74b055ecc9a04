// A check over an image's build history and config (STYLE.md habit 1): one file per check,
// registered in checks/index.ts. Checks are pure: they get the steps, the config and the few
// file facts the CLI looked up, and return findings with any secret masked.
import type { HistoryCheckId, HistoryFinding, HistoryStep } from '../../model/image.js';

export interface SecretHit {
  readonly ruleId: string;
  /** Masked text around the secret. */
  readonly evidence: string;
  readonly fingerprint: string;
}

export interface HistoryInput {
  readonly user: string;
  /** "NAME=value" as in the config. */
  readonly env: readonly string[];
  readonly labels: Readonly<Record<string, string>>;
  readonly history: readonly { created?: string; created_by?: string; comment?: string; empty_layer?: boolean }[];
  /** Uncompressed size of each layer, in order. */
  readonly layerSizes: readonly number[];
  /** Files found under the package cache directories (CACHE_DIRS) of the final image. */
  readonly cacheFiles: readonly { path: string; size: number }[];
  /** The secret rules, over a text (the CLI passes the secret engine; without it only names are checked). */
  readonly findSecrets?: (text: string) => readonly SecretHit[];
}

export interface CheckInput extends HistoryInput {
  readonly steps: readonly HistoryStep[];
}

export interface HistoryCheck {
  readonly id: HistoryCheckId;
  readonly version: number;
  run(input: CheckInput): HistoryFinding[];
}
