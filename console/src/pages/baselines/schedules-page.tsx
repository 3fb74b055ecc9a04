// Baseline schedules of the tenant: which policies run on which hosts how often, with Run now,
// Edit and Delete for managers, and the policies trusted to run command rules. Hosts that no
// enabled schedule of every policy covers keep running every policy daily on their own.
import { useState } from 'react';
import { api } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ErrorBanner } from '../../components/feedback.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { RowActions } from '../../components/row-actions.js';
import { Badge } from '../../components/status-badge.js';
import { SuccessMessage } from '../../components/success-message.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { Link } from '../../router/router.js';
import { canManage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { PolicyTrustPanel } from './policy-trust-panel.js';
import { ScheduleForm } from './schedule-form.js';
import type { BaselinePolicySummary, BaselineSchedule } from './baseline-types.js';

const when = (schedule: BaselineSchedule) => (schedule.dailyAt ? `Daily at ${schedule.dailyAt} UTC` : `Every ${schedule.intervalHours} h`);

export function BaselineSchedulesPage() {
  usePageTitle('Baseline schedules');
  const me = useMe();
  const now = useNow();
  const manage = canManage(me.role);
  const schedules = useApi<{ items: BaselineSchedule[] }>('/api/v1/baselines/schedules');
  const policies = useApi<{ items: BaselinePolicySummary[] }>('/api/v1/baselines/policies');
  const [editing, setEditing] = useState<BaselineSchedule | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function runNow(schedule: BaselineSchedule) {
    setError(null);
    try {
      const run = await api.post<{ orders: number; skippedPending: number }>(`/api/v1/baselines/schedules/${encodeURIComponent(schedule.id)}/run`);
      setMessage(`${schedule.name}: ${run.orders} ${run.orders === 1 ? 'host' : 'hosts'} ordered to run now${run.skippedPending > 0 ? `, ${run.skippedPending} still have its last order pending` : ''}.`);
      schedules.reload();
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  const items = schedules.data?.items ?? [];
  return (
    <>
      <PageHeader
        title="Baseline schedules"
        subtitle="When agents run which baseline policies. Hosts no enabled schedule of every policy covers also run every policy daily on their own."
        actions={
          <>
            <Link to="/baselines" className="button button-ghost">
              Back to baselines
            </Link>
            {manage && editing === null ? (
              <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
                New schedule
              </button>
            ) : null}
          </>
        }
      />
      <SuccessMessage message={message} onDismiss={() => setMessage(null)} />
      {error ? <ErrorBanner error={error} /> : null}
      {editing !== null ? (
        <section className="panel">
          <h2 className="panel-title">{editing === 'new' ? 'New schedule' : `Edit ${editing.name}`}</h2>
          <ScheduleForm
            key={editing === 'new' ? 'new' : editing.id}
            schedule={editing === 'new' ? null : editing}
            policyIds={(policies.data?.items ?? []).map((policy) => policy.policyId)}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setMessage(`Saved ${saved.name}.`);
              setEditing(null);
              schedules.reload();
            }}
          />
        </section>
      ) : null}
      <section className="panel">
        <h2 className="panel-title">Schedules</h2>
        <ListStates resource={schedules} loadingLabel="Loading schedules…" emptyTitle="No schedules.">Every host runs every policy once a day on its own.</ListStates>
        {items.length > 0 ? (
          <ListTable
            label="Schedules"
            head={
              <>
                <th>Name</th>
                <th>Policies</th>
                <th>Hosts</th>
                <th>When</th>
                <th>Next run</th>
                <th>Last run</th>
                {manage ? <th>Actions</th> : null}
              </>
            }
          >
            {items.map((schedule) => (
              <tr key={schedule.id} className={schedule.enabled ? undefined : 'row-dim'}>
                <td>
                  {schedule.name} {schedule.enabled ? null : <Badge tone="muted">Disabled</Badge>}
                </td>
                <td className="mono">{schedule.policies ? schedule.policies.join(', ') : 'all'}</td>
                <td>{schedule.hostIds ? `${schedule.hostIds.length} ${schedule.hostIds.length === 1 ? 'host' : 'hosts'}` : 'all'}</td>
                <td>{when(schedule)}</td>
                <td>{schedule.nextRunAt ? <RelativeTime iso={schedule.nextRunAt} now={now} /> : <span className="muted">—</span>}</td>
                <td>{schedule.lastRunAt ? <RelativeTime iso={schedule.lastRunAt} now={now} /> : <span className="muted">never</span>}</td>
                {manage ? (
                  <RowActions
                    confirmLabel="Delete schedule"
                    onDelete={async () => {
                      await api.delete(`/api/v1/baselines/schedules/${encodeURIComponent(schedule.id)}`);
                      setMessage(`Deleted ${schedule.name}.`);
                      schedules.reload();
                    }}
                  >
                    <button type="button" className="button button-small" onClick={() => void runNow(schedule)} aria-label={`Run ${schedule.name} now`}>
                      Run now
                    </button>
                    <button type="button" className="button button-small button-ghost" onClick={() => setEditing(schedule)} aria-label={`Edit ${schedule.name}`}>
                      Edit
                    </button>
                  </RowActions>
                ) : null}
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
      <PolicyTrustPanel canManage={manage} />
    </>
  );
}
