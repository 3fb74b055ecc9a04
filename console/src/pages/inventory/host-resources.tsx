// A host's resource use over the last day: CPU, memory and disk as small charts with the latest
// value, from the samples the agent sends every minute.
import type { ResourceSample } from '../../api/asset-types.js';
import type { ItemList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { EmptyState, ErrorBanner, Spinner } from '../../components/feedback.js';
import { Sparkline } from '../../components/sparkline.js';
import type { SparkPoint } from '../../components/sparkline.js';
import { RelativeTime } from '../../components/time.js';

const POLL_MS = 60_000;

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

function share(used: number | null, total: number | null): number | null {
  return used === null || total === null || total <= 0 ? null : (used / total) * 100;
}

interface Series {
  readonly label: string;
  readonly tone: 'accent' | 'ok' | 'warn';
  readonly value: (sample: ResourceSample) => number | null;
  readonly detail: (sample: ResourceSample) => string | null;
}

const SERIES: readonly Series[] = [
  { label: 'CPU', tone: 'accent', value: (s) => s.cpuPercent, detail: () => null },
  { label: 'Memory', tone: 'ok', value: (s) => share(s.memoryUsedBytes, s.memoryTotalBytes), detail: (s) => (s.memoryUsedBytes !== null && s.memoryTotalBytes !== null ? `${gib(s.memoryUsedBytes)} of ${gib(s.memoryTotalBytes)}` : null) },
  { label: 'Disk', tone: 'warn', value: (s) => share(s.diskUsedBytes, s.diskTotalBytes), detail: (s) => (s.diskUsedBytes !== null && s.diskTotalBytes !== null ? `${gib(s.diskUsedBytes)} of ${gib(s.diskTotalBytes)}` : null) },
];

export function HostResources({ hostId, now }: { readonly hostId: string; readonly now: number }) {
  const { data, error, loading, reload } = useApi<ItemList<ResourceSample>>(`/api/v1/hosts/${encodeURIComponent(hostId)}/resources`, { pollMs: POLL_MS });
  if (error && !data) return <ErrorBanner error={error} onRetry={reload} />;
  if (loading && !data) return <Spinner label="Loading resource use…" />;
  const samples = [...(data?.items ?? [])].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const latest = samples[samples.length - 1];
  if (!latest) return <EmptyState title="No resource samples yet.">The agent sends CPU, memory and disk use about once a minute.</EmptyState>;
  const first = samples[0] ?? latest;
  return (
    <div className="resource-row" aria-label="Resource use">
      {SERIES.map((series) => {
        const points: SparkPoint[] = samples.map((sample) => ({ at: Date.parse(sample.at), value: series.value(sample) }));
        const current = series.value(latest);
        return (
          <figure key={series.label} className="resource-card" data-testid={`resource-${series.label.toLowerCase()}`}>
            <figcaption>
              <span className="resource-label">{series.label}</span>
              <span className="resource-value">{current === null ? '—' : `${current.toFixed(1)} %`}</span>
            </figcaption>
            <Sparkline points={points} label={`${series.label} use, percent, over ${samples.length} samples`} tone={series.tone} />
            <div className="resource-foot">
              <span>{series.detail(latest) ?? `${samples.length} ${samples.length === 1 ? 'sample' : 'samples'}`}</span>
              <span>
                <RelativeTime iso={first.at} now={now} /> → <RelativeTime iso={latest.at} now={now} />
              </span>
            </div>
          </figure>
        );
      })}
    </div>
  );
}
