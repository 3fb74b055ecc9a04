// Runs `work` over `items` with at most `limit` at once: many small reads (a package.json per
// package, a header per program) wait on the disk, not on the CPU, so a few in flight finish
// sooner than one after another, while a bound keeps open files and buffers few.
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
