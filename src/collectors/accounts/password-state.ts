// What a password field says, without ever keeping the hash (shadow(5), crypt(5)).
import type { PasswordState } from '../../model/inventory.js';
import type { ShadowEntry } from './colon-files.js';

const DAY_MS = 86_400_000;

/**
 * `field` is the password as found (passwd's own field, or the shadow hash). Empty: no password
 * needed. "!" or "*" first: no password can match (locked, or never set). Otherwise a hash is set,
 * and it is expired when shadow's dates say so at `now`.
 */
export function passwordState(field: string, shadow: ShadowEntry | null, now: Date): PasswordState {
  if (field === '') return 'empty';
  if (field.startsWith('!') || field.startsWith('*')) return 'locked';
  if (shadow) {
    const today = Math.floor(now.getTime() / DAY_MS);
    if (shadow.expireDay !== null && shadow.expireDay >= 0 && shadow.expireDay <= today) return 'expired';
    // A last change of 0 means the user must change the password at next login.
    if (shadow.lastChange === 0) return 'expired';
    if (shadow.lastChange !== null && shadow.maxDays !== null && shadow.maxDays >= 0 && shadow.maxDays < 99999) {
      if (shadow.lastChange + shadow.maxDays < today) return 'expired';
    }
  }
  return 'set';
}
