// The collectors the agent runs itself, every minute (schedule.ts: `inAgent`), imported one by
// one: the agent process should not load every collector (with their parsers and the disk walk,
// ~10 MB resident) to run three. The child process loads the registry when it runs the rest.
import type { Collector } from '../../collectors/collector.js';
import { portsCollector } from '../../collectors/ports.js';
import { processesCollector } from '../../collectors/processes.js';
import { resources } from '../../collectors/resources.js';

export const inAgentCollectors: readonly Collector[] = [portsCollector, processesCollector, resources];
