// Enrollment tokens: what a new agent presents once to join this tenant. Created here (secret
// shown once with the install command), listed with their use count, revoked when no longer needed.
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { CreatedEnrollmentToken, EnrollmentToken, ItemList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { Badge } from '../../components/status-badge.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { CreateTokenForm } from './create-token-form.js';
import { NewTokenPanel } from './install-command.js';

function TokenState({ token, now }: { readonly token: EnrollmentToken; readonly now: number }) {
  if (token.revokedAt) return <Badge tone="muted">Revoked</Badge>;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return <Badge tone="warn">Expired</Badge>;
  return <Badge tone="ok">Active</Badge>;
}

function RevokeButton({ token, onRevoked }: { readonly token: EnrollmentToken; readonly onRevoked: () => void }) {
  // Asked inline rather than with window.confirm, which browsers may suppress.
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function revoke() {
    setBusy(true);
    setError(null);
    try {
      await api.delete(`/api/v1/enrollment-tokens/${encodeURIComponent(token.id)}`);
      onRevoked();
    } catch (failure) {
      setError((failure as Error).message);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }
  if (error) return <span className="inline-error" title={error}>{error}</span>;
  if (!confirming) {
    return (
      <button type="button" className="button button-small button-danger-ghost" onClick={() => setConfirming(true)}>
        Revoke
      </button>
    );
  }
  return (
    <span className="confirm">
      <button type="button" className="button button-small button-danger" disabled={busy} onClick={() => void revoke()}>
        {busy ? 'Revoking…' : 'Confirm revoke'}
      </button>
      <button type="button" className="button button-small button-ghost" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </span>
  );
}

export function EnrollmentPage() {
  usePageTitle('Enrollment');
  const now = useNow();
  const tokens = useApi<ItemList<EnrollmentToken>>('/api/v1/enrollment-tokens');
  const [created, setCreated] = useState<CreatedEnrollmentToken | null>(null);

  return (
    <>
      <PageHeader title="Agent enrollment" subtitle="An enrollment token lets an agent join this tenant once; each host then gets its own credential." />
      {created ? <NewTokenPanel token={created} onDismiss={() => setCreated(null)} /> : null}
      <section className="panel">
        <h2 className="panel-title">New token</h2>
        <CreateTokenForm
          onCreated={(token) => {
            setCreated(token);
            tokens.reload();
          }}
        />
      </section>
      <section className="panel">
        <h2 className="panel-title">Tokens</h2>
        <ListStates resource={tokens} loadingLabel="Loading tokens…" emptyTitle="No enrollment tokens yet." />
        {tokens.data && tokens.data.items.length > 0 ? (
          <ListTable
            label="Enrollment tokens"
            head={
              <>
                <th>Name</th>
                <th>Token</th>
                <th>State</th>
                <th>Hosts enrolled</th>
                <th>Created</th>
                <th>Expires</th>
                <th />
              </>
            }
          >
            {tokens.data.items.map((token) => (
              <tr key={token.id} className={token.revokedAt ? 'row-dim' : undefined}>
                <td className="strong">{token.name}</td>
                <td className="mono">{token.tokenPrefix}…</td>
                <td>
                  <TokenState token={token} now={now} />
                </td>
                <td>{token.usedCount}</td>
                <td>
                  <RelativeTime iso={token.createdAt} now={now} />
                </td>
                <td>{token.expiresAt ? <RelativeTime iso={token.expiresAt} now={now} /> : <span className="muted">never</span>}</td>
                <td className="cell-actions">{token.revokedAt ? null : <RevokeButton token={token} onRevoked={tokens.reload} />}</td>
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
