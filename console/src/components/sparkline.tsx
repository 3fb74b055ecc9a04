// A small line chart of a percentage over time, as inline SVG: enough to see a trend on a host
// page without a chart library. Gaps (a sample without the value) break the line.
export interface SparkPoint {
  readonly at: number;
  readonly value: number | null;
}

const WIDTH = 320;
const HEIGHT = 72;
const PAD = 4;

function segments(points: readonly SparkPoint[], x: (at: number) => number, y: (value: number) => number): string[] {
  const lines: string[] = [];
  let current: string[] = [];
  for (const point of points) {
    if (point.value === null) {
      if (current.length > 0) lines.push(current.join(' '));
      current = [];
      continue;
    }
    current.push(`${x(point.at).toFixed(1)},${y(point.value).toFixed(1)}`);
  }
  if (current.length > 0) lines.push(current.join(' '));
  return lines;
}

export function Sparkline({ points, label, tone = 'accent' }: { readonly points: readonly SparkPoint[]; readonly label: string; readonly tone?: 'accent' | 'ok' | 'warn' }) {
  const first = points[0]?.at ?? 0;
  const last = points[points.length - 1]?.at ?? first;
  const span = Math.max(last - first, 1);
  const x = (at: number) => (points.length === 1 ? WIDTH - PAD : PAD + ((at - first) / span) * (WIDTH - 2 * PAD));
  const y = (value: number) => PAD + (1 - Math.min(Math.max(value, 0), 100) / 100) * (HEIGHT - 2 * PAD);
  const lines = segments(points, x, y);
  const lonePoints = lines.filter((line) => !line.includes(' '));
  return (
    <svg className={`sparkline sparkline-${tone}`} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={label}>
      <title>{label}</title>
      {[0, 50, 100].map((grid) => (
        <line key={grid} className="sparkline-grid" x1={PAD} x2={WIDTH - PAD} y1={y(grid)} y2={y(grid)} />
      ))}
      {lines.map((line) => (
        <polyline key={line} className="sparkline-line" points={line} />
      ))}
      {lonePoints.map((point) => {
        const [cx, cy] = point.split(',');
        return <circle key={point} className="sparkline-dot" cx={cx} cy={cy} r={3} />;
      })}
    </svg>
  );
}
