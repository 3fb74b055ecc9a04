import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SECRET_KEY_FILE, SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const dirs: string[] = [];
  const dir = () => {
    const made = mkdtempSync(join(tmpdir(), 'palisade-secret-'));
    dirs.push(made);
    return made;
  };
  afterEach(() => {
    for (const made of dirs.splice(0)) rmSync(made, { recursive: true, force: true });
  });

  it('makes a 0600 key file once and opens what it sealed after a restart', () => {
    const dataDir = dir();
    const sealed = SecretBox.load(dataDir, undefined).seal('hunter2-password', 'registries:t:1');
    expect(sealed).not.toContain('hunter2');
    expect(statSync(join(dataDir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
    const key = readFileSync(join(dataDir, SECRET_KEY_FILE), 'utf8');
    expect(SecretBox.load(dataDir, undefined).open(sealed, 'registries:t:1')).toBe('hunter2-password');
    expect(readFileSync(join(dataDir, SECRET_KEY_FILE), 'utf8')).toBe(key);
  });

  it('refuses a value moved to another row or sealed under another key', () => {
    const box = SecretBox.load(dir(), undefined);
    const sealed = box.seal('token', 'registries:t:1');
    expect(() => box.open(sealed, 'registries:t:2')).toThrow(/cannot be opened/);
    expect(() => SecretBox.load(dir(), undefined).open(sealed, 'registries:t:1')).toThrow(/server key changed/);
    expect(() => box.open('v1:AAAA', 'registries:t:1')).toThrow(/truncated/);
  });

  it('takes PALISADE_SECRET_KEY as base64 or hex, refuses a short one, and tightens a loose key file', () => {
    const key = Buffer.alloc(32, 7);
    const sealed = SecretBox.load(dir(), key.toString('base64')).seal('x', 'b');
    expect(SecretBox.load(dir(), key.toString('hex')).open(sealed, 'b')).toBe('x');
    expect(() => SecretBox.load(dir(), 'c2hvcnQ=')).toThrow(/PALISADE_SECRET_KEY: the secret key must be 32 bytes/);
    const dataDir = dir();
    writeFileSync(join(dataDir, SECRET_KEY_FILE), key.toString('base64'), { mode: 0o644 });
    expect(SecretBox.load(dataDir, undefined).open(sealed, 'b')).toBe('x');
    expect(statSync(join(dataDir, SECRET_KEY_FILE)).mode & 0o777).toBe(0o600);
  });
});
