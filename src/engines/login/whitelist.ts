// Whether login activity is covered by a whitelist rule: every condition the rule has must hold
// (source inside its address/network, same user, one of its hosts, inside its hours).
import type { HourWindow } from '../../model/whitelist.js';
import { addressBits, inCidr, normalizeAddress } from './ip.js';

export interface WhitelistRule {
  readonly id: string;
  readonly source: string | null;
  readonly user: string | null;
  readonly hostIds: readonly string[];
  /** Host groups the rule covers besides its hosts; no hosts and no groups: every host. */
  readonly hostGroupIds?: readonly string[];
  /** The members of those groups when the rule is applied (read then, so later members count). */
  readonly groupHosts?: ReadonlySet<string>;
  readonly hours: HourWindow | null;
  /** ISO time after which the rule covers nothing; null never expires. */
  readonly expiresAt?: string | null;
}

/** What is being checked: a login event, or a detection about one source/user on one host. */
export interface WhitelistSubject {
  readonly sourceIp: string | null;
  readonly user: string | null;
  readonly hostId: string;
  /** Milliseconds since the epoch; null when unknown (a rule with hours then does not match). */
  readonly at: number | null;
}

/** A bare address is its own network (/32 or /128). Null for text that is not an address. */
export function asCidr(source: string): string | null {
  const slash = source.indexOf('/');
  const address = normalizeAddress(slash < 0 ? source : source.slice(0, slash));
  const bits = addressBits(address);
  if (!bits) return null;
  const prefix = slash < 0 ? bits.bits : Number(source.slice(slash + 1));
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits.bits) return null;
  return `${address}/${prefix}`;
}

export function inHours(at: number, hours: HourWindow): boolean {
  const hour = new Date(at).getUTCHours();
  return hours.from < hours.to ? hour >= hours.from && hour < hours.to : hour >= hours.from || hour < hours.to;
}

export function whitelistMatches(rule: WhitelistRule, subject: WhitelistSubject): boolean {
  if (rule.source !== null) {
    const cidr = asCidr(rule.source);
    if (cidr === null || subject.sourceIp === null || !inCidr(subject.sourceIp, cidr)) return false;
  }
  if (rule.user !== null && subject.user !== rule.user) return false;
  if (rule.hostIds.length > 0 || (rule.hostGroupIds?.length ?? 0) > 0) {
    // A rule naming only an empty group covers no host: never every host.
    if (!rule.hostIds.includes(subject.hostId) && !rule.groupHosts?.has(subject.hostId)) return false;
  }
  if (rule.hours !== null && (subject.at === null || !inHours(subject.at, rule.hours))) return false;
  // Judged at the activity's own time, so applying a rule later still covers what it was meant for.
  if (rule.expiresAt && (subject.at === null || subject.at > Date.parse(rule.expiresAt))) return false;
  return true;
}

/** The first rule covering the subject, or null. */
export function whitelistedBy(rules: readonly WhitelistRule[], subject: WhitelistSubject): WhitelistRule | null {
  return rules.find((rule) => whitelistMatches(rule, subject)) ?? null;
}
