// The product mark: a palisade (a row of stakes) inside a shield.
export function Logo({ size = 28 }: { readonly size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" className="logo-mark">
      <path d="M16 2 4 6.5v8.2C4 22.4 9.1 28.3 16 30c6.9-1.7 12-7.6 12-15.3V6.5L16 2Z" fill="currentColor" opacity="0.18" />
      <path d="M16 2 4 6.5v8.2C4 22.4 9.1 28.3 16 30c6.9-1.7 12-7.6 12-15.3V6.5L16 2Z" fill="none" stroke="currentColor" strokeWidth="1.8" />
      <path d="M10.5 23V12l1.5-2.5 1.5 2.5v11M15 24V11l1-2.2 1 2.2v13M18.5 23V12l1.5-2.5 1.5 2.5v11M9 17h14" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}
