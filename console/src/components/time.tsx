// Times as people read them in a console: "3 min ago" with the exact local and UTC time on hover.
import { useEffect, useState } from 'react';

/** The current time, refreshed every `everyMs` so relative times keep moving. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((now - then) / 1000);
  const future = seconds < 0;
  const abs = Math.abs(seconds);
  let text: string;
  if (abs < 10) return 'just now';
  if (abs < 60) text = `${abs} s`;
  else if (abs < 3600) text = `${Math.floor(abs / 60)} min`;
  else if (abs < 86_400) text = `${Math.floor(abs / 3600)} h`;
  else if (abs < 86_400 * 60) text = `${Math.floor(abs / 86_400)} d`;
  else return new Date(then).toLocaleDateString();
  return future ? `in ${text}` : `${text} ago`;
}

export function exactTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toLocaleString()} (${date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')})`;
}

export function RelativeTime({ iso, now }: { readonly iso: string | null; readonly now: number }) {
  if (iso === null) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={exactTime(iso)}>
      {relativeTime(iso, now)}
    </time>
  );
}

export function ExactTime({ iso }: { readonly iso: string | null }) {
  if (iso === null) return <span className="muted">—</span>;
  return <time dateTime={iso}>{exactTime(iso)}</time>;
}
