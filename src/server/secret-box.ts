// Credentials the server must give back to a third party (a registry password) cannot be hashed:
// they are sealed with AES-256-GCM under one server key. The key comes from PALISADE_SECRET_KEY
// (32 bytes, base64 or hex: every replica of a PostgreSQL deployment needs the same one) or, on a
// single server, from `secret.key` in the data directory, created on first start, mode 0600.
// Each sealed value is bound to where it is stored (the associated data names tenant, table and
// row), so a sealed password copied into another row does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_FILE = 'secret.key';

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${where}: the secret key must be 32 bytes, written as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`);
  return key;
}

export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  /** The configured key, or the data directory's key file (made when missing). */
  static load(dataDir: string, configuredKey: string | undefined): SecretBox {
    if (configuredKey !== undefined) return new SecretBox(decodeKey(configuredKey, 'PALISADE_SECRET_KEY'));
    const path = join(dataDir, SECRET_KEY_FILE);
    if (!existsSync(path)) {
      mkdirSync(dataDir, { recursive: true, mode: 0o700 });
      try {
        // wx: two servers starting on one data directory must not each write their own key.
        writeFileSync(path, `${randomBytes(KEY_BYTES).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    // Whatever made the file, only the server's user reads it.
    chmodSync(path, 0o600);
    return new SecretBox(decodeKey(readFileSync(path, 'utf8'), path));
  }

  seal(plain: string, boundTo: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(boundTo));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
  }

  /** Throws when the value was sealed under another key or for another place. */
  open(sealed: string, boundTo: string): string {
    const [version, payload] = sealed.split(':', 2);
    if (version !== VERSION || payload === undefined) throw new Error('sealed secret: unknown format');
    const bytes = Buffer.from(payload, 'base64');
    if (bytes.length < IV_BYTES + TAG_BYTES) throw new Error('sealed secret: truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('sealed secret cannot be opened: the server key changed (PALISADE_SECRET_KEY or secret.key) or the value was moved; enter the password again');
    }
  }
}
