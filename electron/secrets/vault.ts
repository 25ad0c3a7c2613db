// Main process. Platform secrets, encrypted at rest through an injected cipher; only masked hints leave.
import { AppError } from '../../shared/errors';
import type { SecretCipher } from './cipher';

export const SECRET_NAMES = ['wangdian.appsecret', 'suning.appSecret'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface SecretStatus {
  readonly configured: boolean;
  readonly hint: string;
}

/** Where ciphertexts live (the `secrets` table in the app, memory in tests). */
export interface SecretStore {
  read(name: string): { ciphertext: Buffer; hint: string } | null;
  write(name: string, ciphertext: Buffer, hint: string): void;
  remove(name: string): void;
}

/** Anything that can hand the services a secret: the stored vault, or environment variables in the CLI. */
export interface SecretSource {
  get(name: SecretName): Promise<string | null>;
  status(name: SecretName): SecretStatus;
}

/** "****1a2b": enough for the clerk to recognise which key is configured, too little to use it. */
export function maskSecret(value: string): string {
  const tail = [...value].slice(-4).join('');
  return value.length >= 12 ? `****${tail}` : '****';
}

export interface StoredVault extends SecretSource {
  set(name: SecretName, value: string, options?: { acceptWeakStorage?: boolean }): Promise<void>;
  remove(name: SecretName): void;
  readonly backend: string;
  readonly weak: boolean;
  /** Whether the clerk accepted weak storage (Linux basic_text) for this data directory. */
  weakAccepted(): boolean;
}

export function createStoredVault(cipher: SecretCipher, store: SecretStore, weakAcceptance: { get(): boolean; set(v: boolean): void }): StoredVault {
  return {
    backend: cipher.backend,
    weak: cipher.weak,
    weakAccepted: () => weakAcceptance.get(),
    async set(name, value, options) {
      if (cipher.weak && !weakAcceptance.get()) {
        if (!options?.acceptWeakStorage) {
          throw new AppError('forbidden', {
            zh: `此电脑的系统密钥库为 ${cipher.backend}，密钥只能以弱加密保存；请确认接受后再保存`,
            en: `This computer's keychain backend is ${cipher.backend}: secrets can only be stored with weak encryption; accept the warning to save`,
          }, { reason: 'weak_storage', backend: cipher.backend });
        }
        weakAcceptance.set(true);
      }
      const ciphertext = await cipher.encrypt(value);
      store.write(name, ciphertext, maskSecret(value));
    },
    remove(name) {
      store.remove(name);
    },
    async get(name) {
      const row = store.read(name);
      if (!row) return null;
      try {
        return await cipher.decrypt(row.ciphertext);
      } catch (error) {
        // A changed Windows user or a broken keychain: ask for the secret again rather than crash.
        throw new AppError('not_configured', {
          zh: `无法解密已保存的密钥 ${name}（可能更换了系统用户或密钥库损坏），请在设置中重新输入`,
          en: `The saved secret ${name} cannot be decrypted (changed OS user or broken keychain); please enter it again in Settings`,
        }, { reason: 'decrypt_failed', name, cause: error instanceof Error ? error.name : 'unknown' });
      }
    },
    status(name) {
      const row = store.read(name);
      return row ? { configured: true, hint: row.hint } : { configured: false, hint: '' };
    },
  };
}

/** Secrets from environment variables (CLI host): never stored, never printed. */
export function createEnvSecrets(env: Readonly<Record<string, string | undefined>>, names: Readonly<Record<SecretName, string>>): SecretSource {
  return {
    async get(name) {
      const v = env[names[name]];
      return v && v.length > 0 ? v : null;
    },
    status(name) {
      const v = env[names[name]];
      return v ? { configured: true, hint: maskSecret(v) } : { configured: false, hint: '' };
    },
  };
}
