// One finding in full: the advisory (summary, CVEs, score, references), the affected asset on its
// host, and where a triager may, the Ignore action.
import { ExactTime, RelativeTime } from '../../components/time.js';
import { Link } from '../../router/router.js';
import { IgnoreFindingForm } from './ignore-finding-form.js';
import { FindingStatusBadge, VulnSeverityBadge } from './vulnerability-badges.js';
import type { VulnerabilityFinding, VulnerabilityIgnore } from './vulnerability-types.js';

/** Only web links become anchors: a reference is data from an advisory feed, not trusted markup. */
const isWebLink = (reference: string) => /^https?:\/\//i.test(reference);

export function FindingDetail({ finding, now, canIgnore, onIgnored, onClose }: { readonly finding: VulnerabilityFinding; readonly now: number; readonly canIgnore: boolean; readonly onIgnored: (rule: VulnerabilityIgnore) => void; readonly onClose: () => void }) {
  return (
    <section className="panel" aria-label="Finding detail">
      <div className="panel-head">
        <h2 className="panel-title">
          {finding.advisoryId} in {finding.package}
        </h2>
        <button type="button" className="button button-small button-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {finding.summary ? <p>{finding.summary}</p> : null}
      <dl className="facts" aria-label="Finding facts">
        <div className="fact">
          <dt>Status</dt>
          <dd>
            <FindingStatusBadge status={finding.status} />
          </dd>
        </div>
        <div className="fact">
          <dt>Severity</dt>
          <dd>
            <VulnSeverityBadge severity={finding.severity} score={finding.score} />
            {finding.cvssVector ? <div className="cell-sub mono">{finding.cvssVector}</div> : null}
          </dd>
        </div>
        <div className="fact">
          <dt>Aliases</dt>
          <dd className="mono">{finding.aliases.length > 0 ? finding.aliases.join(', ') : <span className="muted">none</span>}</dd>
        </div>
        <div className="fact">
          <dt>Host</dt>
          <dd>
            <Link to={`/hosts/${encodeURIComponent(finding.hostId)}`}>{finding.hostname ?? finding.hostId}</Link>
          </dd>
        </div>
        <div className="fact">
          <dt>Package</dt>
          <dd className="mono">
            {finding.package} ({finding.ecosystem})
          </dd>
        </div>
        <div className="fact">
          <dt>Location</dt>
          <dd className="mono">{finding.location}</dd>
        </div>
        <div className="fact">
          <dt>Installed version</dt>
          <dd className="mono">{finding.installedVersion}</dd>
        </div>
        <div className="fact">
          <dt>Fixed version</dt>
          <dd className="mono" data-testid="finding-fixed-version">
            {finding.fixedVersion ?? <span className="muted">no fix yet</span>}
          </dd>
        </div>
        <div className="fact">
          <dt>First seen</dt>
          <dd>
            <RelativeTime iso={finding.firstSeen} now={now} /> <span className="fact-exact"><ExactTime iso={finding.firstSeen} /></span>
          </dd>
        </div>
        {finding.fixedAt ? (
          <div className="fact">
            <dt>Fixed</dt>
            <dd>
              <RelativeTime iso={finding.fixedAt} now={now} />
            </dd>
          </div>
        ) : null}
      </dl>
      <h3 className="panel-title">References</h3>
      {finding.references.length > 0 ? (
        <ul aria-label="References">
          {finding.references.map((reference) => (
            <li key={reference} className="mono">
              {isWebLink(reference) ? (
                <a href={reference} target="_blank" rel="noreferrer noopener">
                  {reference}
                </a>
              ) : (
                reference
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">The advisory lists no references.</p>
      )}
      {canIgnore && finding.status === 'open' ? <IgnoreFindingForm finding={finding} onIgnored={onIgnored} /> : null}
    </section>
  );
}
