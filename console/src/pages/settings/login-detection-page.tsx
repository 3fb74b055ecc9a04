// The tenant's login detection settings: for each detection, whether it runs, its threshold, its
// window and the threat level of the events it raises. Managers edit and save them (the server
// validates the ranges and says which field is wrong); everyone else sees them read-only.
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { LoginDetectionConfig, LoginDetectionSettings } from '../../../../src/model/login.js';
import type { Severity } from '../../api/asset-types.js';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner, Spinner } from '../../components/feedback.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { SubmitButton } from '../../components/submit-button.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { FormError, useAction } from '../../components/use-action.js';
import { canManage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';

const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** One row per detection: which section, which field is its count, and what the count means. */
const ROWS = [
  { section: 'bruteForce', label: 'Brute force', count: 'failures', countLabel: 'failed logins from one source' },
  { section: 'lowAndSlow', label: 'Low and slow', count: 'failures', countLabel: 'failed logins from one source' },
  { section: 'distributed', label: 'Many sources per account', count: 'sources', countLabel: 'sources failing on one account' },
  { section: 'spraying', label: 'Password spraying', count: 'users', countLabel: 'accounts tried by one source' },
  { section: 'passwordCracked', label: 'Password cracked', count: 'failuresBefore', countLabel: 'failures before a success' },
] as const;

type Section = (typeof ROWS)[number]['section'];

function secondsText(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

export function LoginDetectionPage() {
  usePageTitle('Login detection');
  const me = useMe();
  const now = useNow();
  const editable = canManage(me.role);
  const settings = useApi<LoginDetectionSettings>('/api/v1/settings/login-detection');
  const [draft, setDraft] = useState<LoginDetectionConfig | null>(null);
  const { busy, error, run } = useAction();
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    if (settings.data) setDraft(settings.data.config);
  }, [settings.data]);

  if (settings.error && !settings.data) return <><PageHeader title="Login detection" /><ErrorBanner error={settings.error} onRetry={settings.reload} /></>;
  if (!settings.data || !draft) return <><PageHeader title="Login detection" /><Spinner label="Loading settings…" /></>;
  const { defaults } = settings.data;

  function change<S extends Section | 'abnormal'>(section: S, field: string, value: unknown) {
    setDraft((current) => (current ? { ...current, [section]: { ...current[section], [field]: value } } : current));
    setMessage(null);
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.put<LoginDetectionSettings>('/api/v1/settings/login-detection', draft);
      setMessage('Saved. The next login attempt is judged by these settings.');
      settings.reload();
    });
  };

  const severitySelect = (section: Section | 'abnormal', value: Severity) => (
    <select aria-label={`${section} threat level`} disabled={!editable} value={value} onChange={(event) => change(section, 'severity', event.target.value)}>
      {SEVERITIES.map((severity) => (
        <option key={severity} value={severity}>
          {severity}
        </option>
      ))}
    </select>
  );

  return (
    <>
      <PageHeader
        title="Login detection"
        subtitle={
          settings.data.updatedAt ? (
            <>
              Changed by {settings.data.updatedBy ?? 'unknown'} <RelativeTime iso={settings.data.updatedAt} now={now} />
            </>
          ) : (
            'Running on the defaults'
          )
        }
      />
      {message ? (
        <div className="alert alert-success" role="status">
          <span className="alert-text">{message}</span>
        </div>
      ) : null}
      <form className="panel detection-settings" onSubmit={save} aria-label="Login detection settings">
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>Detection</th>
                <th>On</th>
                <th>Threshold</th>
                <th>Window (seconds)</th>
                <th>Threat level</th>
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => {
                const values = draft[row.section];
                const fallback = defaults[row.section];
                // Each section names its count differently (failures, sources, users…).
                const countOf = (section: object) => (section as Record<string, number>)[row.count];
                return (
                  <tr key={row.section}>
                    <td>
                      <span className="strong">{row.label}</span>
                      <div className="cell-sub">
                        default {countOf(fallback)} in {secondsText(fallback.seconds)}
                      </div>
                    </td>
                    <td>
                      <input type="checkbox" aria-label={`${row.label} on`} disabled={!editable} checked={values.enabled} onChange={(event) => change(row.section, 'enabled', event.target.checked)} />
                    </td>
                    <td>
                      <input type="number" aria-label={`${row.label} threshold`} title={row.countLabel} min={1} max={1000} required disabled={!editable} value={countOf(values)} onChange={(event) => change(row.section, row.count, event.target.valueAsNumber)} />
                      <div className="cell-sub">{row.countLabel}</div>
                    </td>
                    <td>
                      <input type="number" aria-label={`${row.label} window`} min={1} max={604800} required disabled={!editable} value={values.seconds} onChange={(event) => change(row.section, 'seconds', event.target.valueAsNumber)} />
                      <div className="cell-sub">{Number.isFinite(values.seconds) && values.seconds > 0 ? secondsText(values.seconds) : ''}</div>
                    </td>
                    <td>{severitySelect(row.section, values.severity)}</td>
                  </tr>
                );
              })}
              <tr>
                <td>
                  <span className="strong">Abnormal login</span>
                  <div className="cell-sub">a success from a new network, or an account's first login</div>
                </td>
                <td>
                  <input type="checkbox" aria-label="Abnormal login on" disabled={!editable} checked={draft.abnormal.enabled} onChange={(event) => change('abnormal', 'enabled', event.target.checked)} />
                </td>
                <td colSpan={2}>
                  <label>
                    <input type="checkbox" disabled={!editable} checked={draft.abnormal.newLocation} onChange={(event) => change('abnormal', 'newLocation', event.target.checked)} /> new network
                  </label>{' '}
                  <label>
                    <input type="checkbox" disabled={!editable} checked={draft.abnormal.firstLogin} onChange={(event) => change('abnormal', 'firstLogin', event.target.checked)} /> first login
                  </label>
                </td>
                <td>{severitySelect('abnormal', draft.abnormal.severity)}</td>
              </tr>
            </tbody>
          </table>
        </div>
        {editable ? (
          <div className="toolbar">
            <SubmitButton busy={busy} label="Save settings" busyLabel="Saving…" primary />
            <button type="button" className="button button-ghost" disabled={busy} onClick={() => setDraft(defaults)}>
              Back to defaults
            </button>
          </div>
        ) : (
          <p className="muted">Only owners and admins change these settings.</p>
        )}
        <FormError error={error} />
      </form>
    </>
  );
}
