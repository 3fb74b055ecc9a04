// The child process of child-collection.ts: collects the kinds it is asked for over this host
// (the whole-disk ones through one shared walk, with the per-file results kept in the agent's data
// directory), sends each kind's answer back as it finishes, and exits. Everything it allocated
// goes with it.
import { SharedDiskWalk } from '../../collectors/disk-walk/disk-walk.js';
import { FileResults } from '../../collectors/disk-walk/file-results.js';
import { collectors } from '../../collectors/index.js';
import { collectInventory } from '../../scan/collect-inventory.js';
import { HostView } from '../../view/host-view.js';
import type { ChildCollectionReply, ChildCollectionRequest } from './child-collection.js';

function reply(message: ChildCollectionReply): Promise<void> {
  return new Promise((resolve, reject) => process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve())));
}

async function run(request: ChildCollectionRequest): Promise<void> {
  const view = new HostView();
  const resultWarnings: string[] = [];
  const results = new FileResults(request.resultsFile, (message) => resultWarnings.push(message));
  const disk = new SharedDiskWalk(view, results, request.archiveWorkers);
  const now = new Date(request.now);
  for (const kind of request.kinds) {
    const warnings: string[] = [];
    const inventory = await collectInventory(view, { now: () => now, warn: (warning) => warnings.push(warning.message), disk }, collectors.filter((collector) => collector.kind === kind));
    await reply({ type: 'kind', kind, answer: (inventory as unknown as Record<string, unknown>)[kind] ?? null, warnings });
  }
  let saveError: string | undefined;
  try {
    results.save();
  } catch (error) {
    saveError = (error as Error).message;
  }
  await reply({ type: 'done', warnings: resultWarnings, ...(saveError ? { saveError } : {}) });
}

process.once('message', (request: ChildCollectionRequest) => {
  run(request).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
});
