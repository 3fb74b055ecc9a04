// Rules that may lapse (vulnerability ignore rules, whitelists) as their tables show them: a title
// counting the rules and the expired ones, and each rule's expiry and state cells.
import { Badge } from './status-badge.js';
import { RelativeTime } from './time.js';

/** "Rules (12, 2 expired)"; only "Rules" until the list has loaded. */
export function RulesTitle({ count, expired }: { readonly count: number | undefined; readonly expired: number }) {
  return (
    <h2 className="panel-title">
      Rules{count !== undefined ? ` (${count}${expired > 0 ? `, ${expired} expired` : ''})` : ''}
    </h2>
  );
}

/** The "Expires" and "State" cells of a rule's row. */
export function RuleLifetimeCells({ expiresAt, expired, now }: { readonly expiresAt: string | null; readonly expired: boolean; readonly now: number }) {
  return (
    <>
      <td>{expiresAt ? <RelativeTime iso={expiresAt} now={now} /> : <span className="muted">never</span>}</td>
      <td>{expired ? <Badge tone="muted">Expired</Badge> : <Badge tone="ok">Active</Badge>}</td>
    </>
  );
}
