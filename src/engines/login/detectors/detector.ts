// A login detector reads time-ordered login events and returns detections. Pure: the clock and
// any history come in through the context; thresholds come from LoginDetectionConfig (data,
// tunable per tenant).
import type { LoginDetection, LoginDetectionConfig, LoginDetectionType, LoginEvent } from '../../../model/login.js';

/** Where a source address is: a GeoIP place ("DE/Berlin") when a database is supplied. */
export type LocateAddress = (address: string) => string | null;

export interface LoginHistory {
  /** Locations each account has logged in from before these events (network or GeoIP place). */
  readonly locationsByUser: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface DetectionContext {
  readonly now: Date;
  readonly locate?: LocateAddress;
  /** Without history, "first login of an account" cannot be told and is not reported. */
  readonly history?: LoginHistory;
}

/** An event with a time, as detectors use them (events without a time cannot be windowed). */
export interface TimedEvent {
  readonly event: LoginEvent;
  readonly at: number;
}

export interface LoginDetector {
  readonly type: LoginDetectionType;
  readonly version: number;
  detect(events: readonly TimedEvent[], config: LoginDetectionConfig, context: DetectionContext): LoginDetection[];
}
