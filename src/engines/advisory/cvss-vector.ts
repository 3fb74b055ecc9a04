// Splits a CVSS vector string ("CVSS:3.1/AV:N/AC:L/…") into its metrics, refusing repeats and
// missing mandatory metrics, so that a score is never computed from a half-read vector.

export class CvssError extends Error {
  constructor(readonly vector: string, reason: string) {
    super(`CVSS vector ${JSON.stringify(vector)}: ${reason}`);
    this.name = 'CvssError';
  }
}

export function parseCvssMetrics(vector: string, prefix: RegExp, allowed: Readonly<Record<string, readonly string[]>>, required: readonly string[]): Map<string, string> {
  const parts = vector.trim().split('/');
  const head = parts.shift() ?? '';
  if (!prefix.test(head)) throw new CvssError(vector, `does not start with ${prefix.source}`);
  const metrics = new Map<string, string>();
  for (const part of parts) {
    const [key = '', value = '', extra] = part.split(':');
    if (extra !== undefined || key === '' || value === '') throw new CvssError(vector, `bad metric ${JSON.stringify(part)}`);
    if (metrics.has(key)) throw new CvssError(vector, `metric ${key} repeated`);
    const values = allowed[key];
    // Metrics outside the base group (temporal, threat, environmental) are accepted and ignored.
    if (values && !values.includes(value)) throw new CvssError(vector, `${key}:${value} is not a valid value`);
    metrics.set(key, value);
  }
  for (const key of required) if (!metrics.has(key)) throw new CvssError(vector, `base metric ${key} missing`);
  return metrics;
}
