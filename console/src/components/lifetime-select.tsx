// "Expires after" for rules that may lapse (whitelists, ignore rules): a short list of lifetimes
// an analyst picks from, turned into the ISO expiry the API takes. The choice is kept as the
// option's index, a string, the way a <select> holds it. A form whose API counts lifetimes
// differently (enrollment tokens, in hours) passes its own options.

const LIFETIMES: readonly { days: number | null; label: string }[] = [
  { days: null, label: 'Never expires' },
  { days: 1, label: '1 day' },
  { days: 7, label: '7 days' },
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
];

/** The first option: the rule never expires. */
export const NEVER_EXPIRES = '0';

/** The expiry `choice` gives counting from `now` (ms), or null for never. */
export function expiresAtFor(choice: string, now: number): string | null {
  const days = LIFETIMES[Number(choice)]?.days ?? null;
  return days === null ? null : new Date(now + days * 86_400_000).toISOString();
}

export function LifetimeSelect({ value, onChange, options = LIFETIMES }: { readonly value: string; readonly onChange: (choice: string) => void; readonly options?: readonly { readonly label: string }[] }) {
  return (
    <select name="lifetime" value={value} onChange={(event) => onChange(event.target.value)}>
      {options.map((option, index) => (
        <option key={option.label} value={String(index)}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
