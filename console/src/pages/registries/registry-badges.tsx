// Registry and image scan states, one look wherever they appear.
import { Badge } from '../../components/status-badge.js';
import type { ImageScan, ImageScanStatus, Registry } from './registry-types.js';

const REGISTRY_TONES = { new: 'info', ok: 'ok', error: 'danger' } as const;
const REGISTRY_LABELS: Record<Registry['status'], string> = { new: 'Not synced yet', ok: 'Connected', error: 'Error' };

export function RegistryStatusBadge({ registry }: { readonly registry: Registry }) {
  return (
    <Badge tone={REGISTRY_TONES[registry.status]} {...(registry.lastError ? { title: registry.lastError } : {})}>
      {REGISTRY_LABELS[registry.status]}
    </Badge>
  );
}

const SCAN_TONES = { queued: 'info', running: 'warn', done: 'ok', failed: 'danger' } as const;
export const SCAN_STATUS_LABELS: Record<ImageScanStatus, string> = { queued: 'Queued', running: 'Scanning', done: 'Scanned', failed: 'Failed' };
export const SCAN_REASON_LABELS: Record<ImageScan['reason'], string> = { 'new-tag': 'new tag', 'digest-changed': 'tag moved', schedule: 'scheduled', manual: 'on request' };

export function ScanStatusBadge({ scan }: { readonly scan: ImageScan | null }) {
  if (!scan) return <Badge tone="muted">Not scanned</Badge>;
  return (
    <Badge tone={SCAN_TONES[scan.status]} {...(scan.error ? { title: scan.error } : {})}>
      {SCAN_STATUS_LABELS[scan.status]}
    </Badge>
  );
}
