// A user created with a one-time password must choose their own before anything else.
import { Logo } from '../components/logo.js';
import { usePageTitle } from '../components/page-header.js';
import { useMe, useSession } from '../session/session.js';
import { ChangePasswordForm } from './change-password-form.js';

export function MustChangePasswordPage() {
  usePageTitle('Choose a password');
  const me = useMe();
  const { refresh, logout } = useSession();
  return (
    <div className="auth-screen">
      <div className="auth-card">
        <div className="auth-brand">
          <Logo size={36} />
          <div>
            <div className="auth-product">Palisade</div>
            <div className="auth-tagline">{me.tenantName}</div>
          </div>
        </div>
        <h1 className="auth-title">Choose a new password</h1>
        <p className="auth-text">
          <strong>{me.username}</strong> signed in with a one-time password. Choose your own password to continue.
        </p>
        <ChangePasswordForm onChanged={() => void refresh()} />
        <button type="button" className="button button-link" onClick={() => void logout()}>
          Sign out
        </button>
      </div>
    </div>
  );
}
