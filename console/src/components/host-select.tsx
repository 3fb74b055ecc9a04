// A host picker for filters: every host of the tenant by name (the API's page limit is enough for
// a picker; a larger fleet is filtered by name search on the page itself).
import type { HostPage } from '../api/types.js';
import { useApi } from '../api/use-api.js';

export function HostSelect({ value, onChange, label = 'Host filter', emptyLabel = 'All hosts' }: { readonly value: string; readonly onChange: (hostId: string) => void; readonly label?: string; readonly emptyLabel?: string }) {
  const { data } = useApi<HostPage>('/api/v1/hosts?limit=500');
  const hosts = [...(data?.items ?? [])].sort((a, b) => a.hostname.localeCompare(b.hostname));
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel}</option>
      {value && !hosts.some((host) => host.id === value) ? <option value={value}>{value.slice(0, 12)}</option> : null}
      {hosts.map((host) => (
        <option key={host.id} value={host.id}>
          {host.hostname}
        </option>
      ))}
    </select>
  );
}
