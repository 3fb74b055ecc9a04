// A JSON value laid out for reading: indented, keys and value types colored, long strings wrapped.
// Rendered as elements (never as HTML), so whatever an agent reported is shown, not interpreted.
import type { ReactNode } from 'react';

function Value({ value, indent }: { readonly value: unknown; readonly indent: number }): ReactNode {
  if (value === null) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number' || typeof value === 'bigint') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  const pad = '  '.repeat(indent + 1);
  const close = '  '.repeat(indent);
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="json-punct">[]</span>;
    return (
      <>
        <span className="json-punct">[</span>
        {'\n'}
        {value.map((item, index) => (
          <span key={index}>
            {pad}
            <Value value={item} indent={indent + 1} />
            {index < value.length - 1 ? <span className="json-punct">,</span> : null}
            {'\n'}
          </span>
        ))}
        {close}
        <span className="json-punct">]</span>
      </>
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return <span className="json-punct">{'{}'}</span>;
    return (
      <>
        <span className="json-punct">{'{'}</span>
        {'\n'}
        {entries.map(([key, item], index) => (
          <span key={key}>
            {pad}
            <span className="json-key">{JSON.stringify(key)}</span>
            <span className="json-punct">: </span>
            <Value value={item} indent={indent + 1} />
            {index < entries.length - 1 ? <span className="json-punct">,</span> : null}
            {'\n'}
          </span>
        ))}
        {close}
        <span className="json-punct">{'}'}</span>
      </>
    );
  }
  return <span>{String(value)}</span>;
}

export function JsonView({ value, label }: { readonly value: unknown; readonly label: string }) {
  return (
    <pre className="json-view" aria-label={label}>
      <Value value={value} indent={0} />
    </pre>
  );
}
