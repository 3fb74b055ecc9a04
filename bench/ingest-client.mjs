// The agents' side of the ingest benchmark, in a worker thread so that building and sending the
// batches does not take the server's event loop time in the measurement.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';

const { url, credential, events, batch } = workerData;
const time = new Date().toISOString();
const spoolId = randomUUID();
const bodies = [];
for (let offset = 0; offset < events; offset += batch) {
  const rows = Array.from({ length: batch }, (_, i) => ({
    seq: offset + i + 1,
    type: 'process.started',
    time,
    data: { pid: 1000 + i, ppid: 1, user: 'www-data', exe: '/usr/bin/curl', cmdline: `curl -s http://example.invalid/${offset + i}` },
  }));
  bodies.push(JSON.stringify({ spoolId, events: rows }));
}
parentPort.postMessage({ ready: true });
parentPort.once('message', async () => {
  for (const body of bodies) {
    const response = await fetch(`${url}/api/v1/agent/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`ingest failed: ${response.status}`);
  }
  parentPort.postMessage({ done: true });
});
