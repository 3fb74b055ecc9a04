// Colored status pills: one look for host, order and token states across the console.
import type { HostStatus, Order } from '../api/types.js';

type Tone = 'ok' | 'muted' | 'warn' | 'danger' | 'info';

const HOST_TONES: Record<HostStatus, Tone> = { online: 'ok', offline: 'danger', uninstalled: 'muted' };
const HOST_LABELS: Record<HostStatus, string> = { online: 'Online', offline: 'Offline', uninstalled: 'Uninstalled' };

export function Badge({ tone, children, title }: { readonly tone: Tone; readonly children: string; readonly title?: string }) {
  return (
    <span className={`badge badge-${tone}`} title={title}>
      <span className="badge-dot" aria-hidden="true" />
      {children}
    </span>
  );
}

export function HostStatusBadge({ status }: { readonly status: HostStatus }) {
  return (
    <Badge tone={HOST_TONES[status]} title={`status: ${status}`}>
      {HOST_LABELS[status]}
    </Badge>
  );
}

const ORDER_TONES: Record<Order['status'], Tone> = { pending: 'info', delivered: 'warn', done: 'ok', failed: 'danger' };

export function OrderStatusBadge({ status }: { readonly status: Order['status'] }) {
  return <Badge tone={ORDER_TONES[status]}>{status.charAt(0).toUpperCase() + status.slice(1)}</Badge>;
}
