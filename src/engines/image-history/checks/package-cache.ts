// Package manager caches left in the final image: they add size and stale package lists, and say
// the cleanup step is missing (or in a later layer, where it saves nothing).
import type { HistoryFinding } from '../../../model/image.js';
import type { HistoryCheck } from '../history-check.js';

/** Directories whose files are caches; the CLI lists what the image holds under them. */
export const CACHE_DIRS: readonly { dir: string; manager: string; ignore?: RegExp }[] = [
  { dir: '/var/cache/apt/archives', manager: 'apt', ignore: /\/(lock|partial)$/ },
  { dir: '/var/lib/apt/lists', manager: 'apt', ignore: /\/(lock|partial|auxfiles)$/ },
  { dir: '/var/cache/apk', manager: 'apk' },
  { dir: '/var/cache/yum', manager: 'yum' },
  { dir: '/var/cache/dnf', manager: 'dnf' },
  { dir: '/root/.cache/pip', manager: 'pip' },
  { dir: '/root/.npm/_cacache', manager: 'npm' },
  { dir: '/usr/local/share/.cache/yarn', manager: 'yarn' },
];

export const packageCache: HistoryCheck = {
  id: 'package-cache',
  version: 1,
  run(input) {
    const findings: HistoryFinding[] = [];
    for (const cache of CACHE_DIRS) {
      const files = input.cacheFiles.filter((file) => file.path.startsWith(`${cache.dir}/`) && !cache.ignore?.test(file.path));
      if (files.length === 0) continue;
      const bytes = files.reduce((total, file) => total + file.size, 0);
      findings.push({
        check: 'package-cache',
        severity: 'low',
        message: `${cache.manager} cache left in ${cache.dir}: ${files.length} files, ${bytes} bytes (clean it in the same RUN step that fills it)`,
      });
    }
    return findings;
  },
};
