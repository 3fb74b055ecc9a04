// A host group picker, for filters and for rules that may name a group instead of hosts.
import type { HostGroup } from '../../../src/model/host-group.js';
import { useApi } from '../api/use-api.js';

export function HostGroupSelect({ value, onChange, label = 'Host group filter', emptyLabel = 'All groups' }: { readonly value: string; readonly onChange: (groupId: string) => void; readonly label?: string; readonly emptyLabel?: string }) {
  const { data } = useApi<{ items: HostGroup[] }>('/api/v1/host-groups');
  const groups = data?.items ?? [];
  return (
    <select aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{emptyLabel}</option>
      {value && !groups.some((group) => group.id === value) ? <option value={value}>{value.slice(0, 12)}</option> : null}
      {groups.map((group) => (
        <option key={group.id} value={group.id}>
          {group.name}
        </option>
      ))}
    </select>
  );
}
