// The tenant's automatic blocking: on or off, for how long, which detections trigger it, and the
// networks never blocked (loopback, whitelisted sources and the server's own addresses never are
// either). Managers change it; everyone else reads it.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { LoginDetectionType } from '../../../../src/model/login.js';
import type { ResponseSettings, UpdateResponseSettings } from '../../../../src/model/response.js';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { SubmitButton } from '../../components/submit-button.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { FormError, useAction } from '../../components/use-action.js';
import { canManage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';

const TRIGGERS: readonly { type: LoginDetectionType; label: string }[] = [
  { type: 'brute_force', label: 'Brute force' },
  { type: 'password_cracked', label: 'Password cracked' },
  { type: 'password_spraying', label: 'Password spraying' },
  { type: 'low_and_slow', label: 'Low and slow guessing' },
  { type: 'distributed_attack', label: 'Many sources per account' },
  { type: 'abnormal_login', label: 'Abnormal login' },
];

export function ResponseSettingsPanel() {
  const me = useMe();
  const now = useNow();
  const editable = canManage(me.role);
  const settings = useApi<ResponseSettings>('/api/v1/response/settings');
  const [draft, setDraft] = useState<UpdateResponseSettings | null>(null);
  const [cidrs, setCidrs] = useState('');
  const { busy, error, run } = useAction();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (!settings.data) return;
    const { autoBlock, blockSeconds, triggers, managementCidrs } = settings.data;
    setDraft({ autoBlock, blockSeconds, triggers, managementCidrs });
    setCidrs(managementCidrs.join('\n'));
  }, [settings.data]);

  if (settings.error && !settings.data) return <ErrorBanner error={settings.error} onRetry={settings.reload} />;
  if (!settings.data || !draft) return <Spinner label="Loading the blocking setting…" />;

  const change = (next: Partial<UpdateResponseSettings>) => {
    setDraft({ ...draft, ...next });
    setMessage(null);
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const managementCidrs = cidrs.split(/[\s,]+/).filter(Boolean);
      await api.put<ResponseSettings>('/api/v1/response/settings', { ...draft, managementCidrs });
      setMessage(draft?.autoBlock ? 'Saved. Matching detections now block their source.' : 'Saved. Automatic blocking is off.');
      settings.reload();
    });
  };

  return (
    <form className="panel" aria-label="Automatic blocking" onSubmit={save}>
      <h2 className="panel-title">Automatic blocking</h2>
      <p className="muted">
        {settings.data.updatedAt ? (
          <>
            Changed by {settings.data.updatedBy ?? 'unknown'} <RelativeTime iso={settings.data.updatedAt} now={now} />.
          </>
        ) : (
          'Off until a manager turns it on.'
        )}{' '}
        Loopback, whitelisted sources, the server's and the hosts' own addresses are never blocked.
      </p>
      <div className="response-settings">
        <label>
          <input type="checkbox" aria-label="Block automatically" disabled={!editable} checked={draft.autoBlock} onChange={(event) => change({ autoBlock: event.target.checked })} />
          Block the source of these detections automatically
        </label>
        <label>
          For{' '}
          <input type="number" aria-label="Block minutes" min={1} max={43200} required disabled={!editable} value={Math.round(draft.blockSeconds / 60)} onChange={(event) => change({ blockSeconds: event.target.valueAsNumber * 60 })} /> minutes
        </label>
        <fieldset disabled={!editable}>
          <legend>Detections that block</legend>
          {TRIGGERS.map((trigger) => (
            <label key={trigger.type}>
              <input
                type="checkbox"
                checked={draft.triggers.includes(trigger.type)}
                onChange={(event) => change({ triggers: event.target.checked ? [...draft.triggers, trigger.type] : draft.triggers.filter((type) => type !== trigger.type) })}
              />
              {trigger.label}
            </label>
          ))}
        </fieldset>
        <label className="response-stacked">
          Management networks, never blocked (one per line)
          <textarea aria-label="Management networks" rows={3} disabled={!editable} value={cidrs} placeholder="10.0.0.0/8" onChange={(event) => { setCidrs(event.target.value); setMessage(null); }} />
        </label>
      </div>
      {editable ? (
        <div className="toolbar">
          <SubmitButton busy={busy} label="Save blocking setting" busyLabel="Saving…" primary />
        </div>
      ) : (
        <p className="muted">Only owners and admins change this setting.</p>
      )}
      {message ? (
        <div className="alert alert-success" role="status">
          <span className="alert-text">{message}</span>
        </div>
      ) : null}
      <FormError error={error} />
    </form>
  );
}
