// Host groups ticked for a rule that may cover several (a whitelist): the rule covers their
// members when it is applied, so a host added to a group later is covered too.
import type { HostGroup } from '../../../src/model/host-group.js';
import { useApi } from '../api/use-api.js';

export function HostGroupChecklist({ value, onChange }: { readonly value: readonly string[]; readonly onChange: (groupIds: readonly string[]) => void }) {
  const { data } = useApi<{ items: HostGroup[] }>('/api/v1/host-groups');
  const groups = data?.items ?? [];
  return (
    <fieldset className="field" aria-label="Host groups">
      <legend className="field-label">Host groups</legend>
      {groups.length === 0 ? <span className="muted">No host groups.</span> : null}
      {groups.map((group) => (
        <label key={group.id}>
          <input type="checkbox" checked={value.includes(group.id)} onChange={(event) => onChange(event.target.checked ? [...value, group.id] : value.filter((id) => id !== group.id))} /> {group.name}
        </label>
      ))}
    </fieldset>
  );
}
