// An image's latest result in a few pills: vulnerabilities by severity, secrets, malware.
import type { ImageScanCounts } from '../registries/registry-types.js';

export function ImageCounts({ counts }: { readonly counts: ImageScanCounts | null | undefined }) {
  if (!counts) return <span className="muted">—</span>;
  const pills: readonly { key: string; value: number; className: string; title: string }[] = [
    { key: 'C', value: counts.critical, className: 'severity severity-critical', title: 'critical vulnerabilities' },
    { key: 'H', value: counts.high, className: 'severity severity-high', title: 'high vulnerabilities' },
    { key: 'M', value: counts.medium, className: 'severity severity-medium', title: 'medium vulnerabilities' },
    { key: 'L', value: counts.low, className: 'severity severity-low', title: 'low vulnerabilities' },
    { key: '?', value: counts.unrated, className: 'chip', title: 'unrated vulnerabilities' },
  ];
  const shown = pills.filter((pill) => pill.value > 0);
  return (
    <span className="count-pills">
      {shown.length === 0 ? <span className="muted">none</span> : null}
      {shown.map((pill) => (
        <span key={pill.key} className={pill.className} title={`${pill.value} ${pill.title}`}>
          {pill.key} {pill.value}
        </span>
      ))}
    </span>
  );
}
