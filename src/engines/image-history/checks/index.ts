// Every build-history check, one line each; duplicates throw.
import type { HistoryCheck } from '../history-check.js';
import { addRemoteUrl } from './add-remote-url.js';
import { latestBaseTag } from './latest-base-tag.js';
import { packageCache } from './package-cache.js';
import { rootUser } from './root-user.js';
import { secretInCommand } from './secret-in-command.js';
import { secretInEnv } from './secret-in-env.js';

const members: readonly HistoryCheck[] = [rootUser, secretInEnv, secretInCommand, addRemoteUrl, packageCache, latestBaseTag];

export const historyChecks: readonly HistoryCheck[] = (() => {
  const seen = new Set<string>();
  for (const check of members) {
    if (seen.has(check.id)) throw new Error(`duplicate history check ${check.id}`);
    seen.add(check.id);
  }
  return members;
})();
