// One labelled form control: the caption above the input, both inside the <label> so a click on
// the caption focuses the control and tests find it by its label.
import type { ReactNode } from 'react';

export function Field({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
    </label>
  );
}
