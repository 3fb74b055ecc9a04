// One event: what happened, where, how often, who changed its status, and its details as JSON.
import { useState } from 'react';
import type { SecurityEvent } from '../../api/asset-types.js';
import { useApi } from '../../api/use-api.js';
import { CopyButton } from '../../components/copy-button.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { JsonView } from '../../components/json-view.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { ExactTime, RelativeTime, useNow } from '../../components/time.js';
import { Link } from '../../router/router.js';
import { canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { EventStatusBadge, SeverityBadge } from './event-badges.js';
import { EventStatusActions } from './event-status-actions.js';
import { LOGIN_EVENT_TYPES, WhitelistFromEvent } from './whitelist-from-event.js';

export function EventPage({ id }: { readonly id: string }) {
  const me = useMe();
  const now = useNow();
  const valid = /^[1-9]\d*$/.test(id);
  const event = useApi<SecurityEvent>(valid ? `/api/v1/events/${id}` : null);
  const [message, setMessage] = useState<string | null>(null);
  usePageTitle(event.data?.title ?? 'Event');
  const breadcrumb = <Link to="/events">Events</Link>;

  if (!valid || (event.error && !event.data)) {
    const missing = !valid || event.error?.status === 404;
    return (
      <>
        <PageHeader title="Event" breadcrumb={breadcrumb} />
        <ErrorBanner error={missing ? 'This event does not exist, or it belongs to another tenant.' : event.error!} onRetry={missing ? undefined : event.reload} />
      </>
    );
  }
  if (!event.data) {
    return (
      <>
        <PageHeader title="Event" breadcrumb={breadcrumb} />
        <Spinner label="Loading event…" />
      </>
    );
  }
  const data = event.data;
  const json = JSON.stringify(data.details, null, 2);
  return (
    <>
      <PageHeader
        breadcrumb={breadcrumb}
        title={
          <span className="title-with-badge">
            <SeverityBadge severity={data.severity} /> {data.title}
          </span>
        }
        subtitle={
          <>
            <span className="mono">{data.type}</span> · {data.hostname ?? 'no host'} · event {data.id}
          </>
        }
        actions={canTriage(me.role) ? <EventStatusActions ids={[data.id]} current={data.status} onChanged={(text) => { setMessage(text); event.reload(); }} /> : null}
      />
      {message ? (
        <div className="alert alert-success" role="status">
          <span className="alert-text">{message}</span>
        </div>
      ) : null}
      <section className="panel">
        <h2 className="panel-title">Overview</h2>
        <dl className="facts" aria-label="Event facts">
          <div className="fact">
            <dt>Status</dt>
            <dd>
              <EventStatusBadge status={data.status} />
            </dd>
          </div>
          <div className="fact">
            <dt>Threat level</dt>
            <dd>
              <SeverityBadge severity={data.severity} />
            </dd>
          </div>
          <div className="fact">
            <dt>Type</dt>
            <dd className="mono">{data.type}</dd>
          </div>
          <div className="fact">
            <dt>Host</dt>
            <dd>{data.hostId ? <Link to={`/hosts/${encodeURIComponent(data.hostId)}`}>{data.hostname ?? data.hostId}</Link> : <span className="muted">—</span>}</dd>
          </div>
          <div className="fact">
            <dt>Seen</dt>
            <dd>
              {data.count} {data.count === 1 ? 'time' : 'times'}
            </dd>
          </div>
          <div className="fact">
            <dt>First seen</dt>
            <dd>
              <RelativeTime iso={data.firstSeen} now={now} /> <span className="fact-exact"><ExactTime iso={data.firstSeen} /></span>
            </dd>
          </div>
          <div className="fact">
            <dt>Last seen</dt>
            <dd>
              <RelativeTime iso={data.lastSeen} now={now} /> <span className="fact-exact"><ExactTime iso={data.lastSeen} /></span>
            </dd>
          </div>
          <div className="fact">
            <dt>Status changed</dt>
            <dd>
              {data.statusChangedBy ? (
                <>
                  by {data.statusChangedBy} <RelativeTime iso={data.statusChangedAt} now={now} />
                </>
              ) : (
                <span className="muted">never</span>
              )}
            </dd>
          </div>
        </dl>
      </section>
      {canTriage(me.role) && LOGIN_EVENT_TYPES.has(data.type) ? (
        <WhitelistFromEvent
          eventId={data.id}
          onApplied={(text) => {
            setMessage(text);
            event.reload();
          }}
        />
      ) : null}
      <section className="panel">
        <div className="panel-head">
          <h2 className="panel-title">Details</h2>
          <CopyButton text={json} label="Copy JSON" />
        </div>
        <JsonView value={data.details} label="Event details" />
      </section>
    </>
  );
}
