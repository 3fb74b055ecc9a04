// The one-time view of a new enrollment token: its secret and the command that installs an agent
// with it. The server never shows the secret again, so this says so plainly.
import type { CreatedEnrollmentToken } from '../../api/types.js';
import { CopyButton } from '../../components/copy-button.js';

export function installCommand(origin: string, token: string): string {
  return `palisade agent --server ${origin} --enroll-token ${token}`;
}

export function NewTokenPanel({ token, onDismiss }: { readonly token: CreatedEnrollmentToken; readonly onDismiss: () => void }) {
  const command = installCommand(window.location.origin, token.token);
  return (
    <section className="panel panel-highlight" aria-label="New enrollment token">
      <div className="panel-head">
        <h2 className="panel-title">Token “{token.name}” created</h2>
        <button type="button" className="button button-small button-ghost" onClick={onDismiss}>
          Done
        </button>
      </div>
      <div className="alert alert-warn">Copy the token now: it is shown only once. Anyone holding it can enroll a host into this tenant until it expires or is revoked.</div>
      <div className="field-label">Install command (run as root on the host to protect)</div>
      <div className="codeblock">
        <code data-testid="install-command">{command}</code>
        <CopyButton text={command} label="Copy command" />
      </div>
      <div className="field-label">Token</div>
      <div className="codeblock">
        <code data-testid="enroll-token">{token.token}</code>
        <CopyButton text={token.token} label="Copy token" />
      </div>
    </section>
  );
}
