// A filter text box that commits after a short pause instead of on every key, and follows the
// committed value when it changes from outside (back/forward, "clear filters").
import { useEffect, useRef, useState } from 'react';
import type { InputHTMLAttributes } from 'react';

const PAUSE_MS = 300;

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  readonly value: string;
  readonly onCommit: (value: string) => void;
}

export function DebouncedInput({ value, onCommit, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => {
    if (draft.trim() === value) return;
    const timer = window.setTimeout(() => commit.current(draft.trim()), PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [draft]); // only typing starts a commit; a new `value` is handled below
  useEffect(() => {
    setDraft((current) => (current.trim() === value ? current : value));
  }, [value]);

  return <input {...rest} value={draft} onChange={(event) => setDraft(event.target.value)} />;
}
