// Is one version affected by one OSV `affected` entry? The OSV schema's "Evaluation" rules:
// a version is affected when it is listed in `versions`, or when, walking a range's events in
// version order, the last event at or below it is an `introduced` (a `fixed` at or below it, a
// `last_affected` below it, or a `limit` at or below it ends the affected stretch).
// ECOSYSTEM ranges use the ecosystem's version order, SEMVER ranges SemVer; GIT ranges name
// commits, which an installed package does not have, so they are skipped with a note.
import type { OsvAffected, OsvEvent, OsvRange } from '../../model/advisory.js';
import { schemesByName, type VersionScheme } from '../version/index.js';

export interface AffectedVerdict {
  readonly affected: boolean;
  /** Lowest `fixed` version above the installed one in a range that matched; null when none. */
  readonly fixedVersion: string | null;
  /** Ranges that could not be used (GIT only, unreadable event versions). */
  readonly notes: readonly string[];
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

interface Event {
  readonly kind: Kind;
  readonly version: string;
}

function eventOf(event: OsvEvent): Event {
  if ('introduced' in event) return { kind: 'introduced', version: event.introduced };
  if ('fixed' in event) return { kind: 'fixed', version: event.fixed };
  if ('last_affected' in event) return { kind: 'last_affected', version: event.last_affected };
  return { kind: 'limit', version: event.limit };
}

// On equal versions an introduction comes first, so "introduced X, fixed X" affects nothing.
const TIE_ORDER: Record<Kind, number> = { introduced: 0, last_affected: 1, fixed: 2, limit: 3 };

function compareEvents(a: Event, b: Event, scheme: VersionScheme): number {
  // "0" as introduced means "since the first version"; "*" as limit means "no limit".
  const low = (e: Event) => e.kind === 'introduced' && e.version === '0';
  const high = (e: Event) => e.kind === 'limit' && e.version === '*';
  if (low(a) || low(b)) return low(a) && low(b) ? 0 : low(a) ? -1 : 1;
  if (high(a) || high(b)) return high(a) && high(b) ? 0 : high(a) ? 1 : -1;
  return scheme.compare(a.version, b.version) || TIE_ORDER[a.kind] - TIE_ORDER[b.kind];
}

function evaluateRange(version: string, range: OsvRange, scheme: VersionScheme): { affected: boolean; fixed: string | null } {
  const events = range.events.map(eventOf).sort((a, b) => compareEvents(a, b, scheme));
  let affected = false;
  let fixed: string | null = null;
  for (const event of events) {
    if (event.kind === 'introduced') {
      if (event.version === '0' || scheme.compare(version, event.version) >= 0) affected = true;
    } else if (event.kind === 'fixed') {
      if (scheme.compare(version, event.version) >= 0) affected = false;
      else if (affected && fixed === null) fixed = event.version;
    } else if (event.kind === 'last_affected') {
      if (scheme.compare(version, event.version) > 0) affected = false;
    } else if (event.version !== '*' && scheme.compare(version, event.version) >= 0) {
      affected = false;
    }
    if (fixed !== null) break;
  }
  return { affected, fixed: affected ? fixed : null };
}

/**
 * Throws VersionParseError when the installed version itself cannot be read (reported per
 * package by the caller); a range whose own versions cannot be read is skipped with a note.
 */
export function evaluateAffected(version: string, entry: OsvAffected, scheme: VersionScheme, advisoryId: string): AffectedVerdict {
  const notes: string[] = [];
  scheme.validate(version);
  let affected = (entry.versions ?? []).includes(version);
  let fixedVersion: string | null = null;
  const ranges = entry.ranges ?? [];
  for (const range of ranges) {
    if (range.type === 'GIT') continue;
    const rangeScheme = range.type === 'SEMVER' ? (schemesByName.get('semver') ?? scheme) : scheme;
    try {
      if (range.type === 'SEMVER') rangeScheme.validate(version);
      const verdict = evaluateRange(version, range, rangeScheme);
      if (verdict.affected) {
        affected = true;
        if (verdict.fixed !== null && (fixedVersion === null || rangeScheme.compare(verdict.fixed, fixedVersion) < 0)) fixedVersion = verdict.fixed;
      }
    } catch (error) {
      notes.push(`${advisoryId}: ${range.type} range skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!affected && ranges.length > 0 && ranges.every((r) => r.type === 'GIT') && (entry.versions ?? []).length === 0) {
    notes.push(`${advisoryId}: only GIT (commit) ranges for ${entry.package?.name ?? 'its package'}; ignored, an installed package has no commit`);
  }
  return { affected, fixedVersion, notes };
}
