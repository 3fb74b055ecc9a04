// One host: its facts, its orders, and the Resync order for those who manage hosts.
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { Host, ItemList, Order } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ActionButton } from '../../components/action-button.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { HostGroupChips } from '../../components/host-group-chips.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { HostStatusBadge } from '../../components/status-badge.js';
import { useNow } from '../../components/time.js';
import { Link } from '../../router/router.js';
import { canManage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { HostInventory } from '../inventory/host-inventory.js';
import { HostResources } from '../inventory/host-resources.js';
import { HostBaselinePanel } from './host-baseline-panel.js';
import { HostFacts } from './host-facts.js';
import { HostOrders, isOrderOpen } from './host-orders.js';
import { HostVulnerabilitiesPanel } from './host-vulnerabilities-panel.js';

const HOST_POLL_MS = 15_000;
const OPEN_ORDER_POLL_MS = 2_000;

function ResyncButton({ hostId, onSent }: { readonly hostId: string; readonly onSent: () => void }) {
  const send = async () => {
    await api.post<Order>(`/api/v1/hosts/${encodeURIComponent(hostId)}/orders`, { kind: 'resync' });
    onSent();
  };
  return <ActionButton label="Resync" busyLabel="Sending…" onAction={send} title="Ask the agent to send its full inventory again" primary />;
}

export function HostPage({ id }: { readonly id: string }) {
  const me = useMe();
  const now = useNow();
  const base = `/api/v1/hosts/${encodeURIComponent(id)}`;
  const host = useApi<Host>(base, { pollMs: HOST_POLL_MS });
  const [ordersPoll, setOrdersPoll] = useState(HOST_POLL_MS);
  const orders = useApi<ItemList<Order>>(host.error?.status === 404 ? null : `${base}/orders`, { pollMs: ordersPoll });
  const anyOpen = orders.data?.items.some(isOrderOpen) ?? false;
  const wantedPoll = anyOpen ? OPEN_ORDER_POLL_MS : HOST_POLL_MS;
  if (wantedPoll !== ordersPoll) setOrdersPoll(wantedPoll);
  usePageTitle(host.data?.hostname ?? 'Host');

  const breadcrumb = <Link to="/hosts">Hosts</Link>;
  if (host.error && !host.data) {
    return (
      <>
        <PageHeader title="Host" breadcrumb={breadcrumb} />
        <ErrorBanner error={host.error.status === 404 ? 'This host does not exist, or it belongs to another tenant.' : host.error} onRetry={host.error.status === 404 ? undefined : host.reload} />
      </>
    );
  }
  if (!host.data) {
    return (
      <>
        <PageHeader title="Host" breadcrumb={breadcrumb} />
        <Spinner label="Loading host…" />
      </>
    );
  }
  const data = host.data;
  return (
    <>
      <PageHeader
        breadcrumb={breadcrumb}
        title={
          <span className="title-with-badge">
            {data.hostname} <HostStatusBadge status={data.status} />
          </span>
        }
        subtitle={
          <>
            {data.osName} {data.osVersion} · {data.ips[0] ?? 'no IP address'} · agent {data.agentVersion}
            {data.groups.length > 0 ? (
              <>
                {' · '}
                <HostGroupChips groups={data.groups} />
              </>
            ) : null}
          </>
        }
        actions={
          <>
            <Link to={`/events?hostId=${encodeURIComponent(data.id)}`} className="button">
              View events
            </Link>
            {canManage(me.role) ? <ResyncButton hostId={data.id} onSent={orders.reload} /> : null}
          </>
        }
      />
      {host.error ? <ErrorBanner error={host.error} onRetry={host.reload} /> : null}
      <section className="panel">
        <h2 className="panel-title">Overview</h2>
        <HostFacts host={data} now={now} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Resource use</h2>
        <HostResources hostId={data.id} now={now} />
      </section>
      <section className="panel">
        <h2 className="panel-title">Assets</h2>
        <HostInventory hostId={data.id} />
      </section>
      <HostVulnerabilitiesPanel hostId={data.id} />
      <HostBaselinePanel hostId={data.id} />
      <section className="panel">
        <h2 className="panel-title">Orders</h2>
        {orders.error ? <ErrorBanner error={orders.error} onRetry={orders.reload} /> : null}
        {orders.loading && !orders.data ? <Spinner label="Loading orders…" /> : null}
        {orders.data ? <HostOrders orders={orders.data.items} now={now} /> : null}
      </section>
    </>
  );
}
