// A pass rate as the baseline pages show it: a whole percentage, or a dash when no host answered.
export function PassRate({ rate }: { readonly rate: number | null }) {
  if (rate === null) return <span className="muted">—</span>;
  return <span title={`${(rate * 100).toFixed(1)} % of answering hosts pass`}>{Math.round(rate * 100)} %</span>;
}
