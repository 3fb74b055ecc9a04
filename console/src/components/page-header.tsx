// The title row of a page; it also names the browser tab.
import { useEffect } from 'react';
import type { ReactNode } from 'react';

export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Palisade`;
  }, [title]);
}

export function PageHeader({ title, subtitle, actions, breadcrumb }: { readonly title: ReactNode; readonly subtitle?: ReactNode; readonly actions?: ReactNode; readonly breadcrumb?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        {breadcrumb ? <nav className="breadcrumb">{breadcrumb}</nav> : null}
        <h1>{title}</h1>
        {subtitle ? <p className="page-subtitle">{subtitle}</p> : null}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}
