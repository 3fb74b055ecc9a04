// `ADD https://…` downloads at build time with no checksum unless --checksum is given: the
// content can change under the same Dockerfile (Docker's best practices prefer curl + verify).
import type { HistoryCheck } from '../history-check.js';

export const addRemoteUrl: HistoryCheck = {
  id: 'add-remote-url',
  version: 1,
  run(input) {
    return input.steps.flatMap((step) => {
      const match = /^ADD\s+((?:--[\w-]+(?:=\S+)?\s+)*)((?:https?|ftp):\/\/\S+)/i.exec(step.command);
      if (!match || /--checksum=/.test(match[1] ?? '')) return [];
      const url = (match[2] as string).replace(/\/\/[^/@\s]+@/, '//***@');
      return [{ check: 'add-remote-url' as const, severity: 'medium' as const, step: step.index, message: `step ${step.index} ADDs a remote URL without a checksum: ${url}` }];
    });
  },
};
