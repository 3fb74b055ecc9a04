// uid → user name from the viewed system's /etc/passwd, as ps(1) shows it. Only the first two
// fields and the uid are read; a malformed line is skipped (the accounts collector reports it).
import type { SystemView } from '../../view/system-view.js';

export async function readUserNames(view: SystemView): Promise<ReadonlyMap<number, string>> {
  const names = new Map<number, string>();
  let text: string | null;
  try {
    text = await view.readText('/etc/passwd', { maxBytes: 16 * 1024 * 1024 });
  } catch {
    return names; // unreadable passwd: uids stay numeric
  }
  for (const line of (text ?? '').split('\n')) {
    const [name, , uidText] = line.split(':');
    const uid = Number(uidText);
    if (name && uidText !== undefined && uidText !== '' && Number.isInteger(uid) && !names.has(uid)) names.set(uid, name);
  }
  return names;
}
