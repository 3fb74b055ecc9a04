// Names for the host and host group ids a rule stores, so a rules table shows "web-1" and
// "public web servers" rather than ids (the API's page limit is enough for a table of rules).
import type { HostGroup } from '../../../src/model/host-group.js';
import type { HostPage } from '../api/types.js';
import { useApi } from '../api/use-api.js';

export function useHostNames(): { readonly hostnames: ReadonlyMap<string, string>; readonly groupNames: ReadonlyMap<string, string> } {
  const hosts = useApi<HostPage>('/api/v1/hosts?limit=500');
  const groups = useApi<{ items: HostGroup[] }>('/api/v1/host-groups');
  return {
    hostnames: new Map((hosts.data?.items ?? []).map((host) => [host.id, host.hostname])),
    groupNames: new Map((groups.data?.items ?? []).map((group) => [group.id, group.name])),
  };
}
