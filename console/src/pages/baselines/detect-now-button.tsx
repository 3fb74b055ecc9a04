// "Detect now" for one host: the order `baseline_scan` makes its agent run the baseline policies
// at once instead of at the next scheduled run. Managers only (orders need `manage`).
import { useState } from 'react';
import { api } from '../../api/client.js';
import type { Order } from '../../api/types.js';

export function DetectNowButton({ hostId, hostname }: { readonly hostId: string; readonly hostname: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'sent'>('idle');
  const [error, setError] = useState<string | null>(null);
  async function send() {
    setState('busy');
    setError(null);
    try {
      await api.post<Order>(`/api/v1/hosts/${encodeURIComponent(hostId)}/orders`, { kind: 'baseline_scan' });
      setState('sent');
    } catch (failure) {
      setError((failure as Error).message);
      setState('idle');
    }
  }
  return (
    <>
      {error ? <span className="inline-error" role="alert">{error}</span> : null}
      <button type="button" className="button button-small" disabled={state !== 'idle'} onClick={() => void send()} aria-label={`Detect now on ${hostname}`} title="Ask the agent to run its baseline policies now">
        {state === 'busy' ? 'Ordering…' : state === 'sent' ? 'Ordered' : 'Detect now'}
      </button>
    </>
  );
}
