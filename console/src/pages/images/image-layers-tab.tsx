// An image's layers (with the build step that made each) and its build history with the
// history checks' findings (evidence masked by the scanner).
import { ListTable } from '../../components/list-table.js';
import type { ImageScanResult } from '../registries/registry-types.js';
import { shortDigest } from './images-page.js';

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

export function ImageLayersTab({ result }: { readonly result: ImageScanResult }) {
  const steps = result.history?.steps ?? [];
  return (
    <ListTable
      label="Layers"
      head={
        <>
          <th>#</th>
          <th>Digest</th>
          <th>Content (diff id)</th>
          <th>Size</th>
          <th>Made by</th>
        </>
      }
    >
      {result.image.layers.map((layer) => (
        <tr key={layer.index}>
          <td>{layer.index + 1}</td>
          <td className="mono" title={layer.digest ?? ''}>
            {shortDigest(layer.digest ?? null)}
          </td>
          <td className="mono" title={layer.diffId}>
            {shortDigest(layer.diffId)}
          </td>
          <td>{formatBytes(layer.size)}</td>
          <td className="history-command">{steps.find((step) => step.layerIndex === layer.index)?.command ?? <span className="muted">—</span>}</td>
        </tr>
      ))}
    </ListTable>
  );
}

export function ImageHistoryTab({ result }: { readonly result: ImageScanResult }) {
  const history = result.history;
  if (!history) return <p className="muted">The image records no build history.</p>;
  return (
    <>
      <h3 className="panel-title">Checks</h3>
      {history.findings.length === 0 ? <p className="muted">The history checks found nothing.</p> : null}
      {history.findings.length > 0 ? (
        <ListTable
          label="History checks"
          head={
            <>
              <th>Severity</th>
              <th>Check</th>
              <th>Step</th>
              <th>Finding</th>
            </>
          }
        >
          {history.findings.map((finding, index) => (
            <tr key={`${finding.check}-${index}`}>
              <td>
                <span className={`severity severity-${finding.severity}`}>{finding.severity}</span>
              </td>
              <td className="mono">{finding.check}</td>
              <td>{finding.step === undefined ? '—' : finding.step + 1}</td>
              <td>
                {finding.message}
                {finding.evidence ? <div className="cell-sub mono">{finding.evidence}</div> : null}
              </td>
            </tr>
          ))}
        </ListTable>
      ) : null}
      <h3 className="panel-title">Build steps</h3>
      <ListTable
        label="Build steps"
        head={
          <>
            <th>#</th>
            <th>Instruction</th>
            <th>Layer</th>
            <th>Created</th>
          </>
        }
      >
        {history.steps.map((step) => (
          <tr key={step.index}>
            <td>{step.index + 1}</td>
            <td className="history-command">{step.command}</td>
            <td>{step.emptyLayer ? <span className="muted">no layer</span> : `#${(step.layerIndex ?? 0) + 1} · ${formatBytes(step.layerSize ?? 0)}`}</td>
            <td>{step.created ?? '—'}</td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}
