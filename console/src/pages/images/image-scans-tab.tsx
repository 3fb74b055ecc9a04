// The scan history of an image's tag, newest first: why each scan ran, what digest it read, what
// it found or why it failed.
import { useApi } from '../../api/use-api.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { ListTable } from '../../components/list-table.js';
import { RelativeTime } from '../../components/time.js';
import { SCAN_REASON_LABELS, ScanStatusBadge } from '../registries/registry-badges.js';
import type { ImageScan } from '../registries/registry-types.js';
import { ImageCounts } from './image-counts.js';
import { shortDigest } from './images-page.js';

/** Keyed by the image's latest scan and its state, so a new or finished scan reloads the list. */
export function ImageScansTab({ imageId, now }: { readonly imageId: string; readonly now: number }) {
  const scans = useApi<{ items: ImageScan[]; total: number }>(`/api/v1/images/${encodeURIComponent(imageId)}/scans?limit=100`);
  if (scans.error) return <ErrorBanner error={scans.error} onRetry={scans.reload} />;
  if (!scans.data) return <Spinner label="Loading scans…" />;
  return (
    <ListTable
      label="Scans"
      head={
        <>
          <th>Queued</th>
          <th>Why</th>
          <th>State</th>
          <th>Digest</th>
          <th>Vulnerabilities</th>
          <th>Secrets · malware</th>
        </>
      }
    >
      {scans.data.items.map((scan) => (
        <tr key={scan.id}>
          <td>
            <RelativeTime iso={scan.queuedAt} now={now} />
          </td>
          <td>{SCAN_REASON_LABELS[scan.reason]}</td>
          <td>
            <ScanStatusBadge scan={scan} />
            {scan.error ? <div className="cell-sub registry-error">{scan.error}</div> : null}
          </td>
          <td className="mono" title={scan.digest ?? ''}>
            {shortDigest(scan.digest)}
          </td>
          <td>
            <ImageCounts counts={scan.counts} />
          </td>
          <td>{scan.counts ? `${scan.counts.secrets} · ${scan.counts.malware}` : '—'}</td>
        </tr>
      ))}
    </ListTable>
  );
}
