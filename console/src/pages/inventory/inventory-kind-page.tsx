// One asset kind across the fleet, e.g. /assets/packages?nameLike=openssl&versionBelow=3.0.13.
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Link } from '../../router/router.js';
import { NotFoundPage } from '../not-found-page.js';
import { InventoryBrowser } from './inventory-browser.js';
import { kindSpec } from './inventory-kinds.js';
import { KindTabs } from './kind-tabs.js';

export function InventoryKindPage({ kind }: { readonly kind: string }) {
  const spec = kindSpec(kind);
  usePageTitle(spec?.label ?? 'Assets');
  if (!spec) return <NotFoundPage />;
  return (
    <>
      <PageHeader breadcrumb={<Link to="/assets">Assets</Link>} title={spec.label} subtitle={spec.description} />
      <KindTabs label="Asset kinds" selected={spec.kind} hrefFor={(next) => `/assets/${next}`} />
      <section className="panel panel-under-tabs">
        {/* key: another kind is a fresh list, not the old one's filters. */}
        <InventoryBrowser key={spec.kind} spec={spec} apiPath={`/api/v1/inventory/${spec.kind}`} pathname={`/assets/${spec.kind}`} showHost />
      </section>
    </>
  );
}
