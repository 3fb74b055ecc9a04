// Everything the server knows about one host, as a dense two-column fact sheet.
import type { ReactNode } from 'react';
import type { Host } from '../../api/types.js';
import { HostStatusBadge } from '../../components/status-badge.js';
import { ExactTime, RelativeTime } from '../../components/time.js';

function Fact({ label, children, mono = false }: { readonly label: string; readonly children: ReactNode; readonly mono?: boolean }) {
  return (
    <div className="fact">
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}

function List({ values, mono = false }: { readonly values: readonly string[]; readonly mono?: boolean }) {
  if (values.length === 0) return <span className="muted">none reported</span>;
  return (
    <span className="chips">
      {values.map((value) => (
        <span key={value} className={mono ? 'chip mono' : 'chip'}>
          {value}
        </span>
      ))}
    </span>
  );
}

export function HostFacts({ host, now }: { readonly host: Host; readonly now: number }) {
  return (
    <dl className="facts" aria-label="Host facts">
      <Fact label="Host name">{host.hostname}</Fact>
      <Fact label="Status">
        <HostStatusBadge status={host.status} />
      </Fact>
      <Fact label="IP addresses">
        <List values={host.ips} mono />
      </Fact>
      <Fact label="Operating system">
        {host.osName || <span className="muted">unknown</span>} {host.osVersion}
      </Fact>
      <Fact label="Kernel" mono>
        {host.kernel || '—'}
      </Fact>
      <Fact label="Architecture" mono>
        {host.arch || '—'}
      </Fact>
      <Fact label="Agent version" mono>
        {host.agentVersion}
      </Fact>
      <Fact label="Protection plan">{host.protectionPlan}</Fact>
      <Fact label="Components">
        <List values={host.components} />
      </Fact>
      <Fact label="Agent installed">
        <RelativeTime iso={host.installedAt} now={now} /> <span className="fact-exact">
          <ExactTime iso={host.installedAt} />
        </span>
      </Fact>
      <Fact label="Last seen">
        <RelativeTime iso={host.lastSeenAt} now={now} /> <span className="fact-exact">
          <ExactTime iso={host.lastSeenAt} />
        </span>
      </Fact>
      <Fact label="Machine ID" mono>
        {host.machineId}
      </Fact>
      <Fact label="Host ID" mono>
        {host.id}
      </Fact>
    </dl>
  );
}
