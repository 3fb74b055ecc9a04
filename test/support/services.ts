// Tests that need a real service (PostgreSQL, Chromium, sshd, a registry…) call `needService`.
// Without the service the test skips and says why; under CI=true that skip is an error, so a
// missing install step in .ci/run is never mistaken for a pass.
export const inCI = process.env.CI === 'true' || process.env.CI === '1';

export interface ServiceCheck {
  readonly available: boolean;
  readonly reason: string;
}

export function needService(name: string, check: ServiceCheck): boolean {
  if (check.available) return true;
  const message = `${name} not available: ${check.reason}`;
  if (inCI) throw new Error(`CI=true and ${message}`);
  console.warn(`skipping: ${message}`);
  return false;
}
