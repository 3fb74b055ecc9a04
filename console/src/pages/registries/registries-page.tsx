// The tenant's container registries: their sync state and last error, and for managers add,
// edit, test the connection, sync now and delete (asked inline). Images found by a sync are on
// the Images page.
import { useState } from 'react';
import { api, apiRequest } from '../../api/client.js';
import { useApi } from '../../api/use-api.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { Link, withQuery } from '../../router/router.js';
import { canManage } from '../../session/permissions.js';
import { useMe } from '../../session/session.js';
import { RegistryStatusBadge } from './registry-badges.js';
import { RegistryForm } from './registry-form.js';
import type { Registry, RegistryTestResult, SyncSummary } from './registry-types.js';

const POLL_MS = 15_000;

type Notice = { readonly tone: 'success' | 'error'; readonly text: string };

function syncText(registry: Registry, summary: SyncSummary): string {
  const problems = summary.problems.length > 0 ? `; ${summary.problems.length} problem(s): ${summary.problems[0]}` : '';
  return `${registry.name}: ${summary.repositories} repositories, ${summary.tags} tags; ${summary.added} new, ${summary.changed} moved, ${summary.removed} removed; ${summary.queued} scans queued${problems}.`;
}

function RegistryActions({ registry, onNotice, onEdit, onChanged }: { readonly registry: Registry; readonly onNotice: (notice: Notice) => void; readonly onEdit: () => void; readonly onChanged: () => void }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const path = `/api/v1/registries/${encodeURIComponent(registry.id)}`;

  async function run(label: string, action: () => Promise<Notice>) {
    setBusy(label);
    try {
      onNotice(await action());
    } catch (failure) {
      onNotice({ tone: 'error', text: `${registry.name}: ${(failure as Error).message}` });
    } finally {
      setBusy(null);
      onChanged();
    }
  }

  const test = () =>
    run('test', async () => {
      const result = await api.post<RegistryTestResult>(`${path}/test`);
      return { tone: result.ok ? 'success' : 'error', text: `${registry.name}: ${result.message}` };
    });
  const sync = () => run('sync', async () => ({ tone: 'success', text: syncText(registry, await api.post<SyncSummary>(`${path}/sync`)) }));
  const remove = () =>
    run('delete', async () => {
      await apiRequest('DELETE', path);
      return { tone: 'success', text: `Removed ${registry.name} with its images and scan history.` };
    });

  if (confirming) {
    return (
      <span className="confirm">
        <button type="button" className="button button-small button-danger" disabled={busy !== null} onClick={() => void remove()}>
          Delete {registry.name}
        </button>
        <button type="button" className="button button-small" onClick={() => setConfirming(false)}>
          Keep
        </button>
      </span>
    );
  }
  return (
    <span className="cell-actions">
      <button type="button" className="button button-small" disabled={busy !== null} onClick={() => void test()}>
        {busy === 'test' ? 'Testing…' : 'Test'}
      </button>
      <button type="button" className="button button-small" disabled={busy !== null} onClick={() => void sync()}>
        {busy === 'sync' ? 'Syncing…' : 'Sync now'}
      </button>
      <button type="button" className="button button-small" disabled={busy !== null} onClick={onEdit}>
        Edit
      </button>
      <button type="button" className="button button-small button-danger-ghost" disabled={busy !== null} onClick={() => setConfirming(true)}>
        Delete
      </button>
    </span>
  );
}

export function RegistriesPage() {
  usePageTitle('Registries');
  const me = useMe();
  const now = useNow();
  const manage = canManage(me.role);
  const registries = useApi<{ items: Registry[] }>('/api/v1/registries', { pollMs: POLL_MS });
  const [editing, setEditing] = useState<Registry | 'new' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const items = registries.data?.items;

  return (
    <>
      <PageHeader
        title="Registries"
        subtitle="Container registries whose images Palisade lists and scans: every tag when it appears or moves, and again on schedule."
        actions={
          <>
            <button type="button" className="button" onClick={registries.reload}>
              Refresh
            </button>
            {manage && editing === null ? (
              <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
                Add registry
              </button>
            ) : null}
          </>
        }
      />
      {notice ? (
        <div className={`alert alert-${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
          <span className="alert-text">{notice.text}</span>
          <button type="button" className="button button-small button-ghost" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      ) : null}
      {editing !== null ? (
        <section className="panel">
          <h2 className="panel-title">{editing === 'new' ? 'Add a registry' : `Edit ${editing.name}`}</h2>
          <RegistryForm
            key={editing === 'new' ? 'new' : editing.id}
            {...(editing === 'new' ? {} : { existing: editing })}
            onCancel={() => setEditing(null)}
            onSaved={(saved) => {
              setEditing(null);
              setNotice({ tone: 'success', text: `Saved ${saved.name}. Test the connection or sync it now; it also syncs on its own within a minute.` });
              registries.reload();
            }}
          />
        </section>
      ) : null}
      <section className="panel">
        <ListStates resource={registries} loadingLabel="Loading registries…" emptyTitle="No registry yet.">{manage ? 'Add one to list and scan its images.' : 'A manager can add one.'}</ListStates>
        {items && items.length > 0 ? (
          <ListTable
            label="Registries"
            head={
              <>
                <th>Name</th>
                <th>URL</th>
                <th>Status</th>
                <th>Images</th>
                <th>Last sync</th>
                <th>Credentials</th>
                {manage ? <th /> : null}
              </>
            }
          >
            {items.map((registry) => (
              <tr key={registry.id} data-testid={`registry-${registry.name}`}>
                <td className="strong-link">
                  {registry.name}
                  <div className="cell-sub">{registry.kind === 'harbor' ? 'Harbor' : 'Docker registry'}{registry.repositoryFilter ? ` · ${registry.repositoryFilter}` : ''}</div>
                </td>
                <td className="mono">
                  {registry.url}
                  {registry.tlsVerify ? null : <div className="cell-sub">TLS not verified</div>}
                </td>
                <td>
                  <RegistryStatusBadge registry={registry} />
                  {registry.lastError ? <div className="cell-sub registry-error">{registry.lastError}</div> : null}
                </td>
                <td>
                  <Link to={withQuery('/images', { registryId: registry.id })}>{registry.images}</Link>
                </td>
                <td>
                  <RelativeTime iso={registry.lastSyncAt} now={now} />
                  <div className="cell-sub">every {registry.syncIntervalMinutes} min</div>
                </td>
                <td>{registry.username ? `${registry.username}${registry.hasPassword ? ' · password stored' : ''}` : registry.hasPassword ? 'token stored' : 'anonymous'}</td>
                {manage ? (
                  <td>
                    <RegistryActions registry={registry} onNotice={setNotice} onEdit={() => setEditing(registry)} onChanged={registries.reload} />
                  </td>
                ) : null}
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
