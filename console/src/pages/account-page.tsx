// The signed-in user's own account: who they are and a password change.
import { useState } from 'react';
import { PageHeader, usePageTitle } from '../components/page-header.js';
import { ExactTime } from '../components/time.js';
import { ROLE_LABELS } from '../session/permissions.js';
import { useMe } from '../session/session.js';
import { ChangePasswordForm } from './change-password-form.js';

export function AccountPage() {
  usePageTitle('Account');
  const me = useMe();
  const [changed, setChanged] = useState(false);
  return (
    <>
      <PageHeader title="Account" subtitle="Your user in this tenant." />
      <section className="panel">
        <h2 className="panel-title">Profile</h2>
        <dl className="facts">
          <div className="fact">
            <dt>User name</dt>
            <dd>{me.username}</dd>
          </div>
          <div className="fact">
            <dt>Role</dt>
            <dd>{ROLE_LABELS[me.role]}</dd>
          </div>
          <div className="fact">
            <dt>Tenant</dt>
            <dd>{me.tenantName}</dd>
          </div>
          <div className="fact">
            <dt>Created</dt>
            <dd>
              <ExactTime iso={me.createdAt} />
            </dd>
          </div>
        </dl>
      </section>
      <section className="panel panel-narrow">
        <h2 className="panel-title">Change password</h2>
        <p className="panel-text">Changing your password signs you out everywhere else.</p>
        {changed ? <div className="alert alert-success">Your password was changed.</div> : null}
        <ChangePasswordForm onChanged={() => setChanged(true)} />
      </section>
    </>
  );
}
