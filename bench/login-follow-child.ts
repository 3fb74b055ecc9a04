// Child process of bench/login-follow.ts: follows one log the way the agent does (LogFollower
// polling, LoginLogReader parsing) and reports its own CPU time once the parent says stop.
import { LogFollower } from '../src/agent/watchers/log-follower.js';
import { LoginLogReader } from '../src/engines/login/log-reader.js';

const [path = '', statePath = '', pollMs = '250'] = process.argv.slice(2);
const follower = new LogFollower({ path, statePath });
const reader = new LoginLogReader({ file: path, context: { now: new Date(), utcOffsetMinutes: 0 } });
let lines = 0;
let events = 0;
const cpuStart = process.cpuUsage();
const started = Date.now();
let stopping = false;
process.on('message', () => {
  stopping = true;
});
process.send?.('ready');
while (!stopping) {
  await follower.poll((items) => {
    for (const item of items) {
      lines++;
      events += reader.push(item).length;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, Number(pollMs)));
}
await follower.poll((items) => {
  for (const item of items) {
    lines++;
    events += reader.push(item).length;
  }
});
const cpu = process.cpuUsage(cpuStart);
process.send?.({ lines, events, seconds: (Date.now() - started) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, rssMb: process.memoryUsage().rss / 1024 / 1024 });
await follower.close();
process.disconnect?.();
