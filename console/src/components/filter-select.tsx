// A list filter over a fixed set of values ("All statuses", then each status): the choice comes
// back typed, or undefined for "all", whatever the <select> held.
export function FilterSelect<T extends string>({ label, allLabel, values, labels, value, onChange }: { readonly label: string; readonly allLabel: string; readonly values: readonly T[]; readonly labels?: Readonly<Record<T, string>>; readonly value: T | undefined; readonly onChange: (value: T | undefined) => void }) {
  return (
    <select aria-label={label} value={value ?? ''} onChange={(event) => onChange(values.find((known) => known === event.target.value))}>
      <option value="">{allLabel}</option>
      {values.map((known) => (
        <option key={known} value={known}>
          {labels ? labels[known] : known}
        </option>
      ))}
    </select>
  );
}
