// Images of the tenant's registries, one row per repository and tag, worst first: the latest
// scan's counts, secrets and malware, and the scan state. Filters live in the URL like the other
// lists; a row opens the image's page.
import { useApi } from '../../api/use-api.js';
import { DebouncedInput } from '../../components/debounced-input.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Pager } from '../../components/pager.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { SCAN_STATUS_LABELS, ScanStatusBadge } from '../registries/registry-badges.js';
import type { ImagePage, ImageScanStatus, Registry } from '../registries/registry-types.js';
import { ImageCounts } from './image-counts.js';

const PAGE_SIZE = 50;
const POLL_MS = 10_000;
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const SCAN_STATUSES: readonly ImageScanStatus[] = ['queued', 'running', 'done', 'failed'];
const FILTER_KEYS = ['registryId', 'repository', 'tag', 'digest', 'severity', 'hasSecrets', 'hasMalware', 'scanStatus'] as const;
type Filters = Record<(typeof FILTER_KEYS)[number], string>;

export function shortDigest(digest: string | null): string {
  return digest ? digest.replace(/^sha256:/, '').slice(0, 12) : '—';
}

export function ImagesPage() {
  usePageTitle('Images');
  const now = useNow();
  const { search } = useLocation();
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, search.get(key) ?? ''])) as Filters;
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  const show = (next: Partial<Filters> & { offset?: number }, replace = false) => navigate(withQuery('/images', { ...filters, ...next, offset: next.offset || undefined }), { replace });
  const filtered = FILTER_KEYS.some((key) => filters[key] !== '');
  const images = useApi<ImagePage>(withQuery('/api/v1/images', { ...filters, limit: PAGE_SIZE, offset: offset || undefined }), { pollMs: POLL_MS });
  const registries = useApi<{ items: Registry[] }>('/api/v1/registries');
  const data = images.data;

  const yesNo = (key: 'hasSecrets' | 'hasMalware', label: string) => (
    <select aria-label={`${label} filter`} value={filters[key]} onChange={(event) => show({ [key]: event.target.value, offset: 0 })}>
      <option value="">{label}: any</option>
      <option value="true">{label}: found</option>
      <option value="false">{label}: none</option>
    </select>
  );

  return (
    <>
      <PageHeader
        title="Images"
        subtitle="Every tag of the registries Palisade syncs, with what its latest scan found, worst first."
        actions={
          <>
            <Link to="/registries" className="button">
              Registries
            </Link>
            <button type="button" className="button" onClick={images.reload}>
              Refresh
            </button>
          </>
        }
      />
      <section className="panel">
        <div className="toolbar toolbar-wrap">
          <select aria-label="Registry filter" value={filters.registryId} onChange={(event) => show({ registryId: event.target.value, offset: 0 })}>
            <option value="">All registries</option>
            {(registries.data?.items ?? []).map((registry) => (
              <option key={registry.id} value={registry.id}>
                {registry.name}
              </option>
            ))}
          </select>
          <DebouncedInput className="toolbar-type" placeholder="Repository" aria-label="Repository filter" value={filters.repository} onCommit={(repository) => show({ repository, offset: 0 }, true)} />
          <DebouncedInput className="toolbar-type" placeholder="Tag" aria-label="Tag filter" value={filters.tag} onCommit={(tag) => show({ tag, offset: 0 }, true)} />
          <select aria-label="Severity filter" value={filters.severity} onChange={(event) => show({ severity: event.target.value, offset: 0 })}>
            <option value="">Any vulnerabilities</option>
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                Has {severity}
              </option>
            ))}
          </select>
          {yesNo('hasSecrets', 'Secrets')}
          {yesNo('hasMalware', 'Malware')}
          <select aria-label="Scan status filter" value={filters.scanStatus} onChange={(event) => show({ scanStatus: event.target.value, offset: 0 })}>
            <option value="">Any scan state</option>
            {SCAN_STATUSES.map((status) => (
              <option key={status} value={status}>
                {SCAN_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
          {filters.digest ? (
            <button type="button" className="chip" title="Show every digest again" onClick={() => show({ digest: '', offset: 0 })}>
              digest {shortDigest(filters.digest)} ✕
            </button>
          ) : null}
          <span className="toolbar-spacer" />
          {data ? <Pager offset={offset} limit={PAGE_SIZE} total={data.total} onOffset={(next) => show({ offset: next })} /> : null}
        </div>
        <ListStates resource={images} loadingLabel="Loading images…" filtered={filtered} filteredTitle="No image matches these filters." emptyTitle="No images yet." onClearFilters={() => navigate('/images')}>
          Images appear when a <Link to="/registries">registry</Link> is synced.
        </ListStates>
        {data && data.items.length > 0 ? (
          <ListTable
            label="Images"
            head={
              <>
                <th>Image</th>
                <th>Digest</th>
                <th>Vulnerabilities</th>
                <th>Secrets</th>
                <th>Malware</th>
                <th>Scan</th>
                <th>Last seen</th>
              </>
            }
          >
            {data.items.map((image) => {
              const counts = image.resultScan?.counts;
              return (
                <tr key={image.id} className={image.removedAt ? 'row-dim' : undefined}>
                  <td className="cell-event">
                    <Link to={`/images/${encodeURIComponent(image.id)}`} className="strong-link mono">
                      {image.repository}:{image.tag}
                    </Link>
                    <div className="cell-sub">{image.registryName}{image.removedAt ? ' · removed from the registry' : ''}</div>
                  </td>
                  <td className="mono" title={image.digest ? `${image.digest}: every tag of this digest` : ''}>
                    {image.digest ? <Link to={withQuery('/images', { digest: image.digest })}>{shortDigest(image.digest)}</Link> : '—'}
                  </td>
                  <td>
                    <ImageCounts counts={counts} />
                  </td>
                  <td>{counts ? counts.secrets : '—'}</td>
                  <td>{counts ? counts.malware : '—'}</td>
                  <td>
                    <ScanStatusBadge scan={image.lastScan} />
                    {image.lastScan?.finishedAt ? (
                      <div className="cell-sub">
                        <RelativeTime iso={image.lastScan.finishedAt} now={now} />
                      </div>
                    ) : null}
                  </td>
                  <td>
                    <RelativeTime iso={image.lastSeen} now={now} />
                  </td>
                </tr>
              );
            })}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
