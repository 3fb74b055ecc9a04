// Creates or edits a baseline schedule: a name, the policies (all, or some by id), the hosts (all,
// or some), how often (every N hours, or daily at HH:MM UTC) and whether it is on. The server
// checks the rest (unknown hosts, a bad time) and its message shows here.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, apiRequest } from '../../api/client.js';
import type { HostPage } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner } from '../../components/feedback.js';
import { Field } from '../../components/field.js';
import { SubmitButton } from '../../components/submit-button.js';
import { useAction } from '../../components/use-action.js';
import type { BaselineSchedule } from './baseline-types.js';

const splitIds = (text: string) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

export function ScheduleForm({ schedule, policyIds, onSaved, onCancel }: { readonly schedule: BaselineSchedule | null; readonly policyIds: readonly string[]; readonly onSaved: (saved: BaselineSchedule) => void; readonly onCancel: () => void }) {
  const hostPage = useApi<HostPage>('/api/v1/hosts?limit=500');
  const [name, setName] = useState(schedule?.name ?? '');
  const [allPolicies, setAllPolicies] = useState(schedule ? schedule.policies === null : true);
  const [policies, setPolicies] = useState((schedule?.policies ?? []).join(', '));
  const [allHosts, setAllHosts] = useState(schedule ? schedule.hostIds === null : true);
  const [hostIds, setHostIds] = useState<string[]>(schedule?.hostIds ?? []);
  const [mode, setMode] = useState<'interval' | 'daily'>(schedule?.dailyAt ? 'daily' : 'interval');
  const [intervalHours, setIntervalHours] = useState(String(schedule?.intervalHours ?? 24));
  const [dailyAt, setDailyAt] = useState(schedule?.dailyAt ?? '02:00');
  const [enabled, setEnabled] = useState(schedule?.enabled ?? true);
  const { busy, error, run } = useAction();
  const hosts = [...(hostPage.data?.items ?? [])].sort((a, b) => a.hostname.localeCompare(b.hostname));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name,
      policies: allPolicies ? null : splitIds(policies),
      hostIds: allHosts ? null : hostIds,
      intervalHours: mode === 'interval' ? Number(intervalHours) : null,
      dailyAt: mode === 'daily' ? dailyAt : null,
      enabled,
    };
    void run(async () => {
      const saved = schedule ? await apiRequest<BaselineSchedule>('PATCH', `/api/v1/baselines/schedules/${encodeURIComponent(schedule.id)}`, { body }) : await api.post<BaselineSchedule>('/api/v1/baselines/schedules', body);
      onSaved(saved);
    });
  };

  return (
    <form className="inline-form" onSubmit={save} aria-label={schedule ? 'Edit schedule' : 'New schedule'}>
      <Field label="Name">
        <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
      </Field>
      <fieldset className="field">
        <legend className="field-label">Policies</legend>
        <label>
          <input type="checkbox" checked={allPolicies} onChange={(event) => setAllPolicies(event.target.checked)} /> Every policy the agents have
        </label>
        {allPolicies ? null : (
          <Field label="Policy ids (comma or space separated)">
            <input aria-label="Policy ids" value={policies} onChange={(event) => setPolicies(event.target.value)} list="baseline-policy-ids" required placeholder={policyIds.slice(0, 2).join(', ')} />
            <datalist id="baseline-policy-ids">
              {policyIds.map((id) => (
                <option key={id} value={id} />
              ))}
            </datalist>
          </Field>
        )}
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Hosts</legend>
        <label>
          <input type="checkbox" checked={allHosts} onChange={(event) => setAllHosts(event.target.checked)} /> Every host, including hosts enrolled later
        </label>
        {allHosts ? null : (
          <select aria-label="Hosts" multiple value={hostIds} onChange={(event) => setHostIds([...event.target.selectedOptions].map((option) => option.value))} size={Math.min(Math.max(hosts.length, 2), 8)} required>
            {hosts.map((host) => (
              <option key={host.id} value={host.id}>
                {host.hostname}
              </option>
            ))}
          </select>
        )}
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">When</legend>
        <label>
          <input type="radio" name="schedule-mode" checked={mode === 'interval'} onChange={() => setMode('interval')} /> Every{' '}
          <input aria-label="Interval hours" type="number" min={1} max={744} value={intervalHours} disabled={mode !== 'interval'} onChange={(event) => setIntervalHours(event.target.value)} style={{ width: '5rem' }} /> hours
        </label>
        <label>
          <input type="radio" name="schedule-mode" checked={mode === 'daily'} onChange={() => setMode('daily')} /> Daily at{' '}
          <input aria-label="Daily at (UTC)" type="time" value={dailyAt} disabled={mode !== 'daily'} onChange={(event) => setDailyAt(event.target.value)} /> UTC
        </label>
      </fieldset>
      <label>
        <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} /> Enabled
      </label>
      {error ? <ErrorBanner error={error} /> : null}
      <div className="toolbar">
        <SubmitButton busy={busy} label={schedule ? 'Save schedule' : 'Create schedule'} busyLabel="Saving…" primary />
        <button type="button" className="button button-ghost" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
