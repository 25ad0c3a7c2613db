// Main process (browser host and tests). AES-256-GCM with a key file beside the data: honest about being
// weak (whoever can read the data directory can read the key), so the clerk must accept it like basic_text.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import type { SecretCipher } from './cipher';

const VERSION = 1;

export function createKeyCipher(key: Buffer, backend = 'file_key', weak = true): SecretCipher {
  if (key.length !== 32) throw new RangeError('key must be 32 bytes');
  return {
    backend,
    weak,
    async encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    async decrypt(blob) {
      if (blob.length < 29 || blob[0] !== VERSION) throw new Error('unknown ciphertext format');
      const d = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 13));
      d.setAuthTag(blob.subarray(13, 29));
      return Buffer.concat([d.update(blob.subarray(29)), d.final()]).toString('utf8');
    },
  };
}

/** Loads (or creates, mode 0600) the key file and returns a cipher over it. */
export function createFileKeyCipher(keyFile: string): SecretCipher {
  if (!existsSync(keyFile)) {
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(keyFile, 0o600);
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  return createKeyCipher(key);
}
