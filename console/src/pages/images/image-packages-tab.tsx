// The packages an image's scan inventoried: distribution packages, then Java archives.
import { useState } from 'react';
import { ListTable } from '../../components/list-table.js';
import type { ImageScanResult } from '../registries/registry-types.js';

export function ImagePackagesTab({ result }: { readonly result: ImageScanResult }) {
  const [filter, setFilter] = useState('');
  const wanted = filter.trim().toLowerCase();
  const packages = result.packages.filter((pkg) => pkg.name.toLowerCase().includes(wanted));
  const jars = result.jars.filter((jar) => `${jar.groupId ?? ''}:${jar.artifactId ?? ''} ${jar.path}`.toLowerCase().includes(wanted));
  return (
    <>
      <div className="toolbar">
        <input className="toolbar-search" placeholder="Package" aria-label="Package filter" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <span className="muted">
          {result.packages.length} packages, {result.jars.length} jars
        </span>
      </div>
      <ListTable
        label="Packages"
        head={
          <>
            <th>Package</th>
            <th>Version</th>
            <th>Source</th>
            <th>Format</th>
          </>
        }
      >
        {packages.map((pkg) => (
          <tr key={`${pkg.database} ${pkg.name} ${pkg.architecture ?? ''}`}>
            <td className="mono">{pkg.name}</td>
            <td className="mono">{pkg.version}</td>
            <td className="mono">{pkg.sourceName && pkg.sourceName !== pkg.name ? `${pkg.sourceName} ${pkg.sourceVersion ?? ''}` : '—'}</td>
            <td>{pkg.format}</td>
          </tr>
        ))}
        {jars.map((jar) => (
          <tr key={jar.path}>
            <td className="mono">
              {jar.groupId ?? '?'}:{jar.artifactId ?? '?'}
              <div className="cell-sub">{jar.path}</div>
            </td>
            <td className="mono">{jar.version ?? '—'}</td>
            <td>—</td>
            <td>jar</td>
          </tr>
        ))}
      </ListTable>
    </>
  );
}
