// A host's assets as tabs, one per inventory kind; the open tab is in the URL (?tab=ports) so it
// survives a reload and can be linked.
import { useLocation } from '../../router/router.js';
import { InventoryBrowser } from './inventory-browser.js';
import { KIND_SPECS, kindSpec } from './inventory-kinds.js';
import { KindTabs } from './kind-tabs.js';

export function HostInventory({ hostId }: { readonly hostId: string }) {
  const { search } = useLocation();
  const spec = kindSpec(search.get('tab') ?? '') ?? KIND_SPECS[0]!;
  const pathname = `/hosts/${encodeURIComponent(hostId)}`;
  return (
    <>
      <KindTabs label="Host assets" selected={spec.kind} hrefFor={(kind) => `${pathname}?tab=${kind}`} />
      <div className="tab-body">
        <InventoryBrowser key={spec.kind} spec={spec} apiPath={`/api/v1/hosts/${encodeURIComponent(hostId)}/inventory/${spec.kind}`} pathname={pathname} keep={{ tab: spec.kind }} showHost={false} />
      </div>
    </>
  );
}
