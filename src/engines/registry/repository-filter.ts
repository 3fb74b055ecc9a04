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
