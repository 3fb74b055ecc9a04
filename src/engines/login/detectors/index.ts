// Registry of login detectors (STYLE.md habit 2). One line per detector; duplicates throw.
import type { LoginDetection, LoginDetectionConfig, LoginEvent } from '../../../model/login.js';
import { detectionEnabled } from '../config.js';
import { abnormalLogin } from './abnormal-login.js';
import { bruteForce } from './brute-force.js';
import type { DetectionContext, LoginDetector, TimedEvent } from './detector.js';
import { distributedAttack } from './distributed.js';
import { lowAndSlow } from './low-and-slow.js';
import { passwordCracked } from './password-cracked.js';
import { passwordSpraying } from './spraying.js';

const members: readonly LoginDetector[] = [bruteForce, lowAndSlow, distributedAttack, passwordSpraying, passwordCracked, abnormalLogin];

export const loginDetectors: ReadonlyMap<string, LoginDetector> = (() => {
  const map = new Map<string, LoginDetector>();
  for (const detector of members) {
    if (map.has(detector.type)) throw new Error(`duplicate login detector ${detector.type}`);
    map.set(detector.type, detector);
  }
  return map;
})();

/** Events in time order (ties by file and line); events without a time are left out. */
export function timed(events: readonly LoginEvent[]): TimedEvent[] {
  return events
    .filter((event) => event.time !== null)
    .map((event) => ({ event, at: Date.parse(event.time as string) }))
    .sort((a, b) => a.at - b.at || a.event.file.localeCompare(b.event.file) || a.event.line - b.event.line);
}

/** Runs every registered detector the config leaves enabled over the events. */
export function detectLogins(events: readonly LoginEvent[], config: LoginDetectionConfig, context: DetectionContext): LoginDetection[] {
  const sorted = timed(events);
  const out: LoginDetection[] = [];
  for (const detector of loginDetectors.values()) if (detectionEnabled(config, detector.type)) out.push(...detector.detect(sorted, config, context));
  return out.sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.type.localeCompare(b.type));
}
