// Copies text to the clipboard. The Clipboard API needs a secure context (https or localhost); a
// console reached over plain http on another address falls back to a selected text area.
import { useEffect, useState } from 'react';

async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Permission refused: try the fallback below.
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } finally {
    area.remove();
  }
}

export function CopyButton({ text, label = 'Copy' }: { readonly text: string; readonly label?: string }) {
  const [result, setResult] = useState<'idle' | 'copied' | 'failed'>('idle');
  useEffect(() => {
    if (result === 'idle') return;
    const timer = window.setTimeout(() => setResult('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [result]);
  return (
    <button type="button" className="button button-small" onClick={() => void copyText(text).then((ok) => setResult(ok ? 'copied' : 'failed'))}>
      {result === 'copied' ? 'Copied' : result === 'failed' ? 'Copy failed: select and copy' : label}
    </button>
  );
}
