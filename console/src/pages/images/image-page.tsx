// One registry image (a repository and tag): its facts, "Scan now" for triagers, and tabs for the
// latest finished scan's layers, build history, packages and findings, and the tag's scans.
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ActionButton } from '../../components/action-button.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { ExactTime, RelativeTime, useNow } from '../../components/time.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { canTriage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { ScanStatusBadge } from '../registries/registry-badges.js';
import type { ImageDetail, ImageScan } from '../registries/registry-types.js';
import { ImageCounts } from './image-counts.js';
import { ImageFindingsTab } from './image-findings-tab.js';
import { formatBytes, ImageHistoryTab, ImageLayersTab } from './image-layers-tab.js';
import { ImagePackagesTab } from './image-packages-tab.js';
import { ImageScansTab } from './image-scans-tab.js';

const TABS = [
  { id: 'findings', label: 'Findings' },
  { id: 'layers', label: 'Layers' },
  { id: 'history', label: 'History' },
  { id: 'packages', label: 'Packages' },
  { id: 'scans', label: 'Scans' },
] as const;
type TabId = (typeof TABS)[number]['id'];
/** While a scan is waiting or running the page follows it. */
const BUSY_POLL_MS = 2_000;
const POLL_MS = 30_000;

function ScanNowButton({ imageId, onQueued }: { readonly imageId: string; readonly onQueued: () => void }) {
  const scan = async () => {
    await api.post<ImageScan>(`/api/v1/images/${encodeURIComponent(imageId)}/scan`);
    onQueued();
  };
  return <ActionButton label="Scan now" busyLabel="Queuing…" onAction={scan} primary />;
}

export function ImagePage({ id }: { readonly id: string }) {
  const me = useMe();
  const now = useNow();
  const { search } = useLocation();
  const tab: TabId = TABS.find((candidate) => candidate.id === search.get('tab'))?.id ?? 'findings';
  const [busy, setBusy] = useState(false);
  const image = useApi<ImageDetail>(`/api/v1/images/${encodeURIComponent(id)}`, { pollMs: busy ? BUSY_POLL_MS : POLL_MS });
  const data = image.data;
  const scanning = data?.lastScan?.status === 'queued' || data?.lastScan?.status === 'running';
  useEffect(() => setBusy(scanning), [scanning]);
  usePageTitle(data ? `${data.repository}:${data.tag}` : 'Image');

  if (image.error && !data) return <ErrorBanner error={image.error} onRetry={image.reload} />;
  if (!data) return <Spinner label="Loading the image…" />;
  const result = data.result;
  const facts = result?.image;

  return (
    <>
      <PageHeader
        breadcrumb={
          <>
            <Link to="/images">Images</Link> <Link to={withQuery('/images', { registryId: data.registryId })}>{data.registryName}</Link>
          </>
        }
        title={
          <span className="title-with-badge">
            {data.repository}:{data.tag} <ScanStatusBadge scan={data.lastScan} />
          </span>
        }
        subtitle={data.removedAt ? 'This tag is no longer in the registry.' : undefined}
        actions={
          <>
            <button type="button" className="button" onClick={image.reload}>
              Refresh
            </button>
            {canTriage(me.role) && !data.removedAt ? <ScanNowButton imageId={data.id} onQueued={() => { setBusy(true); image.reload(); }} /> : null}
          </>
        }
      />
      {data.lastScan?.status === 'failed' ? <ErrorBanner error={`The last scan failed: ${data.lastScan.error ?? 'no reason given'}`} /> : null}
      <section className="panel">
        {result?.reusedFrom ? <p className="muted">Same digest as an image scanned earlier: its result is shown, with vulnerabilities matched again against the current advisories.</p> : null}
        <dl className="facts">
          <div className="fact">
            <dt>Digest</dt>
            <dd className="mono">{data.digest ?? '—'}</dd>
          </div>
          <div className="fact">
            <dt>Vulnerabilities</dt>
            <dd>
              <ImageCounts counts={data.resultScan?.counts} />
            </dd>
          </div>
          <div className="fact">
            <dt>Platform</dt>
            <dd>{facts ? [facts.os, facts.architecture, facts.variant].filter(Boolean).join('/') : '—'}</dd>
          </div>
          <div className="fact">
            <dt>Size</dt>
            <dd>{facts ? `${formatBytes(facts.size)} in ${facts.layers.length} layers` : '—'}</dd>
          </div>
          <div className="fact">
            <dt>User</dt>
            <dd className="mono">{facts ? facts.user || 'root (none set)' : '—'}</dd>
          </div>
          <div className="fact">
            <dt>Runs</dt>
            <dd className="mono">{facts ? [...facts.entrypoint, ...facts.cmd].join(' ') || '—' : '—'}</dd>
          </div>
          <div className="fact">
            <dt>Ports</dt>
            <dd>{facts && facts.exposedPorts.length > 0 ? facts.exposedPorts.join(', ') : '—'}</dd>
          </div>
          <div className="fact">
            <dt>Built</dt>
            <dd>{facts?.created ? <ExactTime iso={facts.created} /> : '—'}</dd>
          </div>
          <div className="fact">
            <dt>First seen</dt>
            <dd>
              <RelativeTime iso={data.firstSeen} now={now} />
            </dd>
          </div>
          <div className="fact">
            <dt>Scanned</dt>
            <dd>
              <RelativeTime iso={data.resultScan?.finishedAt ?? null} now={now} />
            </dd>
          </div>
        </dl>
      </section>
      <nav className="tabs" aria-label="Image sections">
        {TABS.map((candidate) => (
          <Link key={candidate.id} to={withQuery(`/images/${encodeURIComponent(id)}`, { tab: candidate.id })} className={candidate.id === tab ? 'tab active' : 'tab'} aria-current={candidate.id === tab ? 'page' : undefined}>
            {candidate.label}
          </Link>
        ))}
      </nav>
      <section className="panel panel-under-tabs tab-body">
        {tab === 'scans' ? <ImageScansTab key={`${data.lastScan?.id ?? ''} ${data.lastScan?.status ?? ''}`} imageId={data.id} now={now} /> : null}
        {tab !== 'scans' && !result ? (
          <p className="muted">
            No finished scan yet. {scanning ? 'A scan is under way.' : ''}{' '}
            <button type="button" className="button button-link" onClick={() => navigate(withQuery(`/images/${encodeURIComponent(id)}`, { tab: 'scans' }))}>
              See the scans
            </button>
          </p>
        ) : null}
        {result && tab === 'findings' ? <ImageFindingsTab result={result} /> : null}
        {result && tab === 'layers' ? <ImageLayersTab result={result} /> : null}
        {result && tab === 'history' ? <ImageHistoryTab result={result} /> : null}
        {result && tab === 'packages' ? <ImagePackagesTab result={result} /> : null}
      </section>
    </>
  );
}
