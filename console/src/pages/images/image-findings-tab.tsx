// What an image's scan found: vulnerabilities (worst first), secrets (the match masked by the
// scanner, never the secret) and malware.
import { ListTable } from '../../components/list-table.js';
import { VulnSeverityBadge } from '../vulnerabilities/vulnerability-badges.js';
import type { ImageScanResult } from '../registries/registry-types.js';
import { shortDigest } from './images-page.js';

const ORDER = ['critical', 'high', 'medium', 'low', 'unknown'];

export function ImageFindingsTab({ result }: { readonly result: ImageScanResult }) {
  const vulnerabilities = [...result.vulnerabilities].sort((a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || a.package.localeCompare(b.package) || a.id.localeCompare(b.id));
  return (
    <>
      <h3 className="panel-title">Vulnerabilities ({vulnerabilities.length})</h3>
      {vulnerabilities.length === 0 ? <p className="muted">No advisory in the server's database affects the image's packages.</p> : null}
      {vulnerabilities.length > 0 ? (
        <ListTable
          label="Vulnerabilities"
          head={
            <>
              <th>Severity</th>
              <th>Advisory</th>
              <th>Package</th>
              <th>Installed → fixed</th>
              <th>Summary</th>
            </>
          }
        >
          {vulnerabilities.map((vulnerability) => (
            <tr key={`${vulnerability.id} ${vulnerability.package} ${vulnerability.location ?? ''}`}>
              <td>
                <VulnSeverityBadge severity={vulnerability.severity} score={vulnerability.score} />
              </td>
              <td className="mono">
                {vulnerability.id}
                {vulnerability.aliases.length > 0 ? <div className="cell-sub">{vulnerability.aliases.join(', ')}</div> : null}
              </td>
              <td className="mono">{vulnerability.package}</td>
              <td className="mono">
                {vulnerability.installedVersion} → {vulnerability.fixedVersion ?? <span className="muted">no fix</span>}
              </td>
              <td className="cell-clip">{vulnerability.summary ?? ''}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <h3 className="panel-title">Secrets ({result.secrets.length})</h3>
      {result.secrets.length === 0 ? <p className="muted">No secret found in any layer.</p> : null}
      {result.secrets.length > 0 ? (
        <ListTable
          label="Secrets"
          head={
            <>
              <th>Severity</th>
              <th>Rule</th>
              <th>File</th>
              <th>Match (masked)</th>
              <th>Layer</th>
            </>
          }
        >
          {result.secrets.map((secret) => (
            <tr key={`${secret.fingerprint} ${secret.path} ${secret.line} ${secret.layer ?? ''}`}>
              <td>
                <span className={`severity severity-${secret.severity}`}>{secret.severity}</span>
              </td>
              <td className="mono">{secret.ruleId}</td>
              <td className="mono">
                {secret.path}:{secret.line}
              </td>
              <td className="mono cell-clip">{secret.match}</td>
              <td className="mono">{secret.layer ? shortDigest(secret.layer) : '—'}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <h3 className="panel-title">Malware ({result.malware.length})</h3>
      {result.malware.length === 0 ? <p className="muted">No malware rule matched.</p> : null}
      {result.malware.length > 0 ? (
        <ListTable
          label="Malware"
          head={
            <>
              <th>Rule</th>
              <th>File</th>
              <th>SHA-256</th>
              <th>Layer</th>
            </>
          }
        >
          {result.malware.map((hit) => (
            <tr key={`${hit.rule} ${hit.path} ${hit.layer ?? ''}`}>
              <td className="mono">
                {hit.rule}
                <div className="cell-sub">{hit.namespace}</div>
              </td>
              <td className="mono">{hit.path}</td>
              <td className="mono" title={hit.sha256}>
                {hit.sha256.slice(0, 16)}
              </td>
              <td className="mono">{hit.layer ? shortDigest(hit.layer) : '—'}</td>
            </tr>
          ))}
        </ListTable>
      ) : null}
    </>
  );
}
