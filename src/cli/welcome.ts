// What a person sees on the terminal when the server comes up: where the console is and, on the
// very first start, the admin's one-time password (printed once, never logged).
import type { RunningServer } from '../server/start.js';

export function printWelcome(server: RunningServer): void {
  const lines = [`Palisade console: ${server.url}/`];
  if (server.bootstrap.oneTimePassword) {
    lines.push(`First start: user "admin", one-time password: ${server.bootstrap.oneTimePassword}`, 'You will be asked to choose a new password at first login.');
  } else if (server.bootstrap.createdAdmin) {
    lines.push('First start: user "admin" with the password from PALISADE_ADMIN_PASSWORD.');
  }
  process.stderr.write(`\n${lines.map((line) => `  ${line}`).join('\n')}\n\n`);
}
