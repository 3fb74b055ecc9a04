// The build history of an image with its checks: steps paired with layers, then every check of
// checks/index.ts over them. Pure: the CLI gathers the input from the image view.
import type { ImageHistory } from '../../model/image.js';
import { historyChecks } from './checks/index.js';
import type { HistoryInput } from './history-check.js';
import { historySteps } from './history-steps.js';

export const HISTORY_ENGINE_VERSION = historyChecks.reduce((total, check) => total + check.version, 0);

export function analyzeHistory(input: HistoryInput): ImageHistory {
  const steps = historySteps(input);
  const findings = historyChecks.flatMap((check) => check.run({ ...input, steps }));
  return { steps, findings };
}
