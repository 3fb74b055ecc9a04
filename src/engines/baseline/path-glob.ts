// Some policies put shell wildcards in f:/d: paths (`d:/etc/security/pwquality.conf.d/*`). Wazuh
// would look for a file literally named `*`; the author meant the entries, so a `*` or `?` in a
// path component is expanded against the view's directory listing (never a host path).
import type { EvaluationContext } from './context.js';

const MAX_EXPANSIONS = 1000;

function componentRegex(component: string): RegExp {
  const source = component.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${source}$`);
}

export function hasGlob(path: string): boolean {
  return path.includes('*') || path.includes('?');
}

/** The paths a wildcard path names in the view (sorted); the path itself when it has no wildcard. */
export async function expandPath(context: EvaluationContext, path: string): Promise<string[]> {
  if (!hasGlob(path)) return [path];
  let current = ['/'];
  for (const component of path.split('/').filter((part) => part.length > 0)) {
    const next: string[] = [];
    for (const base of current) {
      const prefix = base === '/' ? '/' : `${base}/`;
      if (!hasGlob(component)) {
        next.push(`${prefix}${component}`);
        continue;
      }
      const names = await context.view.readDir(base).catch(() => null);
      if (!names) continue;
      const regex = componentRegex(component);
      for (const name of names) if (regex.test(name) && next.length < MAX_EXPANSIONS) next.push(`${prefix}${name}`);
    }
    current = next;
  }
  return current;
}
