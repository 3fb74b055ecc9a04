// How a whitelist rule's conditions read in the list: an absent condition matches anything, so it
// shows as "any"; hosts are named (linked) when the fleet list knows them; hours are UTC.
import type { HourWindow, Whitelist } from '../../../../src/model/whitelist.js';
import { Link, withQuery } from '../../router/router.js';

const anything = <span className="muted">any</span>;
/** Hosts named in a row before the rest is summed up, so one wide rule keeps the table readable. */
const SHOWN_HOSTS = 3;

const hour = (value: number) => `${String(value).padStart(2, '0')}:00`;

export function hoursText(hours: HourWindow): string {
  return `${hour(hours.from)}–${hour(hours.to)} UTC${hours.from > hours.to ? ' (overnight)' : ''}`;
}

/** Expiry is judged by this browser's clock; the server judges each login by its own time. */
export function isExpired(rule: Whitelist, now: number): boolean {
  return rule.expiresAt !== null && Date.parse(rule.expiresAt) <= now;
}

export function SourceCell({ rule }: { readonly rule: Whitelist }) {
  return rule.source === null ? anything : <span className="mono">{rule.source}</span>;
}

export function UserCell({ rule }: { readonly rule: Whitelist }) {
  return rule.user === null ? anything : <span className="mono">{rule.user}</span>;
}

export function HoursCell({ rule }: { readonly rule: Whitelist }) {
  return rule.hours === null ? anything : <>{hoursText(rule.hours)}</>;
}

export function HostsCell({ rule, hostnames, groupNames }: { readonly rule: Whitelist; readonly hostnames: ReadonlyMap<string, string>; readonly groupNames: ReadonlyMap<string, string> }) {
  if (rule.hostIds.length === 0 && rule.hostGroupIds.length === 0) return <span className="muted">all hosts</span>;
  const shown = rule.hostIds.slice(0, SHOWN_HOSTS);
  const more = rule.hostIds.length - shown.length;
  return (
    <span className="host-list">
      {shown.map((id, index) => (
        <span key={id}>
          {index > 0 ? ', ' : null}
          <Link to={`/hosts/${encodeURIComponent(id)}`}>{hostnames.get(id) ?? id.slice(0, 12)}</Link>
        </span>
      ))}
      {more > 0 ? <span className="muted">{` and ${more} more`}</span> : null}
      {rule.hostGroupIds.map((id) => (
        <Link key={id} to={withQuery('/hosts', { group: id })} className="chip" title="host group: its members when the rule is applied">
          {groupNames.get(id) ?? id.slice(0, 12)}
        </Link>
      ))}
    </span>
  );
}
