// Threat level and processing status of an event, one look everywhere events appear.
import type { EventStatus, Severity } from '../../api/asset-types.js';
import { Badge } from '../../components/status-badge.js';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
export const EVENT_STATUSES: readonly EventStatus[] = ['pending', 'handled', 'ignored', 'whitelisted'];

export const SEVERITY_LABELS: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };
export const STATUS_LABELS: Record<EventStatus, string> = { pending: 'Pending', handled: 'Handled', ignored: 'Ignored', whitelisted: 'Whitelisted' };

export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  return (
    <span className={`severity severity-${severity}`} title={`threat level: ${severity}`}>
      {SEVERITY_LABELS[severity]}
    </span>
  );
}

const STATUS_TONES: Record<EventStatus, 'warn' | 'ok' | 'muted' | 'info'> = { pending: 'warn', handled: 'ok', ignored: 'muted', whitelisted: 'info' };

export function EventStatusBadge({ status }: { readonly status: EventStatus }) {
  return <Badge tone={STATUS_TONES[status]}>{STATUS_LABELS[status]}</Badge>;
}
