// Which repositories of a registry a tenant watches: patterns separated by commas or spaces, `*`
// matching any run of characters ("team/*", "*-base", "app"); no pattern at all means every one.
export function repositoryMatcher(filter: string): (repository: string) => boolean {
  const patterns = filter
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((pattern) => new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`));
  if (patterns.length === 0) return () => true;
  return (repository) => patterns.some((pattern) => pattern.test(repository));
}

/**
 * The repositories a filter names outright (patterns without `*`): what can still be synced when
 * the registry will not list its catalog (Docker Hub, a Harbor robot account scoped to a project).
 */
export function namedRepositories(filter: string): string[] {
  return [...new Set(filter.split(/[\s,]+/).filter((pattern) => pattern !== '' && !pattern.includes('*')))];
}
