// The console: a session gate (sign in, forced password change) in front of the pages.
import { useEffect } from 'react';
import type { ReactNode } from 'react';
import { ErrorBanner, Spinner } from './components/feedback.js';
import { Shell } from './layout/shell.js';
import { AccountPage } from './pages/account-page.js';
import { BaselinesPage } from './pages/baselines/baselines-page.js';
import { BaselineSchedulesPage } from './pages/baselines/schedules-page.js';
import { BlocksPage } from './pages/response/blocks-page.js';
import { EnrollmentPage } from './pages/enrollment/enrollment-page.js';
import { EventPage } from './pages/events/event-page.js';
import { EventsPage } from './pages/events/events-page.js';
import { HostGroupsPage } from './pages/host-groups/host-groups-page.js';
import { HostPage } from './pages/hosts/host-page.js';
import { HostsPage } from './pages/hosts/hosts-page.js';
import { ImagePage } from './pages/images/image-page.js';
import { ImagesPage } from './pages/images/images-page.js';
import { InventoryKindPage } from './pages/inventory/inventory-kind-page.js';
import { InventoryOverviewPage } from './pages/inventory/inventory-overview-page.js';
import { LoginPage } from './pages/login-page.js';
import { MustChangePasswordPage } from './pages/must-change-password-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { RegistriesPage } from './pages/registries/registries-page.js';
import { LoginDetectionPage } from './pages/settings/login-detection-page.js';
import { IgnoreRulesPage } from './pages/vulnerabilities/ignore-rules-page.js';
import { VulnerabilitiesPage } from './pages/vulnerabilities/vulnerabilities-page.js';
import { WhitelistsPage } from './pages/whitelists/whitelists-page.js';
import { matchPath, navigate, useLocation } from './router/router.js';
import { SessionProvider, useSession } from './session/session.js';

function Redirect({ to }: { readonly to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Page(): ReactNode {
  const { pathname } = useLocation();
  if (pathname === '/' || pathname === '') return <Redirect to="/hosts" />;
  if (matchPath('/hosts', pathname)) return <HostsPage />;
  if (matchPath('/host-groups', pathname)) return <HostGroupsPage />;
  const host = matchPath('/hosts/:id', pathname);
  // key: a different host is a fresh page, not the old one's state with a new id.
  if (host?.id) return <HostPage key={host.id} id={host.id} />;
  if (matchPath('/assets', pathname)) return <InventoryOverviewPage />;
  const assets = matchPath('/assets/:kind', pathname);
  if (assets?.kind) return <InventoryKindPage key={assets.kind} kind={assets.kind} />;
  if (matchPath('/events', pathname)) return <EventsPage />;
  const event = matchPath('/events/:id', pathname);
  if (event?.id) return <EventPage key={event.id} id={event.id} />;
  if (matchPath('/whitelists', pathname)) return <WhitelistsPage />;
  if (matchPath('/vulnerabilities', pathname)) return <VulnerabilitiesPage />;
  if (matchPath('/vulnerabilities/ignores', pathname)) return <IgnoreRulesPage />;
  if (matchPath('/baselines', pathname)) return <BaselinesPage />;
  if (matchPath('/baselines/schedules', pathname)) return <BaselineSchedulesPage />;
  if (matchPath('/blocks', pathname)) return <BlocksPage />;
  if (matchPath('/registries', pathname)) return <RegistriesPage />;
  if (matchPath('/images', pathname)) return <ImagesPage />;
  const image = matchPath('/images/:id', pathname);
  if (image?.id) return <ImagePage key={image.id} id={image.id} />;
  if (matchPath('/enrollment', pathname)) return <EnrollmentPage />;
  if (matchPath('/account', pathname)) return <AccountPage />;
  if (matchPath('/settings/login-detection', pathname)) return <LoginDetectionPage />;
  return <NotFoundPage />;
}

function Gate() {
  const { state, refresh } = useSession();
  switch (state.kind) {
    case 'loading':
      return (
        <div className="auth-screen">
          <Spinner label="Connecting to Palisade…" />
        </div>
      );
    case 'unreachable':
      return (
        <div className="auth-screen">
          <div className="auth-card">
            <ErrorBanner error={state.message} onRetry={() => void refresh()} />
          </div>
        </div>
      );
    case 'anonymous':
      return <LoginPage expired={state.expired} />;
    case 'user':
      if (state.me.mustChangePassword) return <MustChangePasswordPage />;
      return (
        <Shell>
          <Page />
        </Shell>
      );
  }
}

export function App() {
  return (
    <SessionProvider>
      <Gate />
    </SessionProvider>
  );
}
