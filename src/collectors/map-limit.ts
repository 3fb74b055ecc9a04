// Runs an async function over items with at most `limit` calls in flight, keeping input order:
// /proc reads and small manifests are many small reads that wait on the kernel or the disk, not
// the CPU, and a little overlap hides their latency without opening hundreds of files at once.
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
