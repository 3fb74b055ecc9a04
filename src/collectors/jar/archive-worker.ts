// The worker thread of jar/archive-pool.ts: inspects the archives it is sent, one at a time.
import { parentPort } from 'node:worker_threads';
import { inspectArchiveFile } from './archive-file.js';

parentPort?.on('message', (message: { id: number; path: string; maxBytes: number }) => {
  // Messages are handled in turn: the inspection reads synchronously, so none overlap.
  void inspectArchiveFile(message.path, message.maxBytes).then(
    (inspection) => parentPort?.postMessage({ id: message.id, inspection }),
    () => parentPort?.postMessage({ id: message.id, inspection: null }),
  );
});
