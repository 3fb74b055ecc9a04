// Enrollment tokens: what a new agent presents once to join this tenant. Created here (secret
// shown once with the install command), listed with their use count, revoked when no longer needed.
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { CreatedEnrollmentToken, EnrollmentToken, ItemList } from '../../api/types.js';
import { useApi } from '../../api/use-api.js';
import { ListStates } from '../../components/list-states.js';
import { ListTable } from '../../components/list-table.js';
import { PageHeader, usePageTitle } from '../../components/page-header.js';
import { RowActions } from '../../components/row-actions.js';
import { Badge } from '../../components/status-badge.js';
import { RelativeTime, useNow } from '../../components/time.js';
import { CreateTokenForm } from './create-token-form.js';
import { NewTokenPanel } from './install-command.js';

function TokenState({ token, now }: { readonly token: EnrollmentToken; readonly now: number }) {
  if (token.revokedAt) return <Badge tone="muted">Revoked</Badge>;
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return <Badge tone="warn">Expired</Badge>;
  return <Badge tone="ok">Active</Badge>;
}

export function EnrollmentPage() {
  usePageTitle('Enrollment');
  const now = useNow();
  const tokens = useApi<ItemList<EnrollmentToken>>('/api/v1/enrollment-tokens');
  const [created, setCreated] = useState<CreatedEnrollmentToken | null>(null);

  async function revoke(token: EnrollmentToken) {
    await api.delete(`/api/v1/enrollment-tokens/${encodeURIComponent(token.id)}`);
    tokens.reload();
  }

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
                {token.revokedAt ? <td /> : <RowActions label="Revoke" confirmLabel="Confirm revoke" busyLabel="Revoking…" onDelete={() => revoke(token)} />}
              </tr>
            ))}
          </ListTable>
        ) : null}
      </section>
    </>
  );
}
