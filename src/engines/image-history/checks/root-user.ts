// The image runs as root when its config names no user, or root by name or uid 0 (CIS Docker
// Benchmark 4.1). The step that set the user last is named when there is one.
import type { HistoryCheck } from '../history-check.js';

function isRoot(user: string): boolean {
  const name = user.split(':')[0]?.trim() ?? '';
  return name === '' || name === 'root' || name === '0';
}

export const rootUser: HistoryCheck = {
  id: 'root-user',
  version: 1,
  run(input) {
    if (!isRoot(input.user)) return [];
    const userSteps = input.steps.filter((step) => /^USER\s/i.test(step.command));
    const last = userSteps[userSteps.length - 1];
    return [
      {
        check: 'root-user',
        severity: 'medium',
        ...(last ? { step: last.index } : {}),
        message: input.user === '' ? 'the image sets no USER, so containers run as root' : `the image runs as "${input.user}" (root)`,
      },
    ];
  },
};
