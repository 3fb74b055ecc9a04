// Run by not-visible.test.ts as an unprivileged user: reads a fixture's protected entries through
// both views and prints, per read, the error name or the answer.
import { DirView } from '../dir-view.js';
import { HostView } from '../host-view.js';
import type { SystemView } from '../system-view.js';

const fixture = process.argv[2] ?? '';

async function outcome(read: () => Promise<unknown>): Promise<string> {
  try {
    const value = await read();
    return value === null ? 'null' : 'value';
  } catch (error) {
    return error instanceof Error ? error.name : 'unknown';
  }
}

async function probe(view: SystemView, base: string): Promise<Record<string, string>> {
  const walked: string[] = [];
  return {
    readFile: await outcome(() => view.readFile(`${base}/shadow`)),
    readText: await outcome(() => view.readText(`${base}/shadow`)),
    readDir: await outcome(() => view.readDir(`${base}/locked`)),
    statInside: await outcome(() => view.stat(`${base}/locked/inner`)),
    statLocked: await outcome(() => view.stat(`${base}/locked`)),
    readPublic: await outcome(() => view.readFile(`${base}/public`)),
    walk: await outcome(async () => {
      for await (const entry of view.walk(base || '/')) walked.push(entry.path.slice(base.length));
      return walked.join(',');
    }),
    walked: walked.join(','),
  };
}

const result = {
  dir: await probe(await DirView.open(fixture), ''),
  host: await probe(new HostView(), fixture),
};
console.log(JSON.stringify(result));
