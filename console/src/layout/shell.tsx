// The signed-in frame: a sidebar with the product and the pages, a top bar with the tenant, the
// user and sign-out. Later capabilities add their pages to NAV_ITEMS.
import type { ReactNode } from 'react';
import { Logo } from '../components/logo.js';
import { Link, useLocation } from '../router/router.js';
import { canManage, ROLE_LABELS } from '../session/permissions.js';
import { useMe, useSession } from '../session/session.js';
import type { Role } from '../api/types.js';

interface NavItem {
  readonly to: string;
  readonly label: string;
  readonly icon: ReactNode;
  readonly visible: (role: Role) => boolean;
}

const icon = (path: string) => (
  <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
    <path d={path} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const NAV_ITEMS: readonly NavItem[] = [
  { to: '/hosts', label: 'Hosts', icon: icon('M3 4h14v5H3zM3 11h14v5H3zM6 6.5h.01M6 13.5h.01'), visible: () => true },
  { to: '/host-groups', label: 'Host groups', icon: icon('M2.5 5h6v4.5h-6zM11.5 5h6v4.5h-6zM2.5 12h6v4.5h-6zM11.5 12h6v4.5h-6z'), visible: () => true },
  { to: '/assets', label: 'Assets', icon: icon('M10 2.5 17 6v8l-7 3.5L3 14V6l7-3.5ZM3 6l7 3.5L17 6M10 9.5v8'), visible: () => true },
  { to: '/events', label: 'Events', icon: icon('M10 3 18 17H2L10 3ZM10 8v4.5M10 14.8h.01'), visible: () => true },
  { to: '/whitelists', label: 'Whitelists', icon: icon('M10 2.5 16.5 5v5c0 3.8-2.8 6.6-6.5 7.5C6.3 16.6 3.5 13.8 3.5 10V5L10 2.5ZM7 10l2 2 4-4'), visible: () => true },
  { to: '/vulnerabilities', label: 'Vulnerabilities', icon: icon('M10 2.5 16.5 5v5c0 3.8-2.8 6.6-6.5 7.5C6.3 16.6 3.5 13.8 3.5 10V5L10 2.5ZM10 7v3.5M10 13h.01'), visible: () => true },
  { to: '/blocks', label: 'Blocked sources', icon: icon('M10 2.5a7.5 7.5 0 1 0 0 15 7.5 7.5 0 0 0 0-15ZM4.7 4.7l10.6 10.6'), visible: () => true },
  { to: '/baselines', label: 'Baselines', icon: icon('M5 3.5h10v13H5zM7.5 7.5l1.5 1.5 3-3M7.5 12.5h5'), visible: () => true },
  { to: '/settings/login-detection', label: 'Login detection', icon: icon('M4 5h12M4 10h12M4 15h12M7 3.5v3M13 8.5v3M9 13.5v3'), visible: () => true },
  { to: '/images', label: 'Images', icon: icon('M10 3 17 6.5 10 10 3 6.5 10 3ZM3 10l7 3.5 7-3.5M3 13.5 10 17l7-3.5'), visible: () => true },
  { to: '/registries', label: 'Registries', icon: icon('M3 4h14v4H3zM3 12h14v4H3zM6 6h.01M6 14h.01M10 8v4'), visible: () => true },
  { to: '/enrollment', label: 'Enrollment', icon: icon('M8 11a3 3 0 1 1 2.8-4H18v3h-2v2h-2v-2h-3.2A3 3 0 0 1 8 11Z'), visible: canManage },
];

export function Shell({ children }: { readonly children: ReactNode }) {
  const me = useMe();
  const { logout } = useSession();
  const { pathname } = useLocation();
  return (
    <div className="shell">
      <aside className="sidebar">
        <Link to="/hosts" className="sidebar-brand">
          <Logo />
          <span>Palisade</span>
        </Link>
        <div className="sidebar-section">Asset center</div>
        <nav className="sidebar-nav" aria-label="Main">
          {NAV_ITEMS.filter((item) => item.visible(me.role)).map((item) => (
            <Link key={item.to} to={item.to} className={pathname === item.to || pathname.startsWith(`${item.to}/`) ? 'nav-link active' : 'nav-link'}>
              {item.icon}
              {item.label}
            </Link>
          ))}
        </nav>
      </aside>
      <div className="main-column">
        <header className="topbar">
          <div className="topbar-tenant" title="Tenant">
            <span className="topbar-label">Tenant</span>
            <span className="topbar-value">{me.tenantName}</span>
          </div>
          <div className="topbar-user">
            <Link to="/account" className="topbar-account" title="Account and password">
              <span className="avatar" aria-hidden="true">
                {me.username.charAt(0).toUpperCase()}
              </span>
              <span className="topbar-username">{me.username}</span>
              <span className="topbar-role">{ROLE_LABELS[me.role]}</span>
            </Link>
            <button type="button" className="button button-small button-ghost" onClick={() => void logout()}>
              Sign out
            </button>
          </div>
        </header>
        <main className="content">{children}</main>
      </div>
    </div>
  );
}
