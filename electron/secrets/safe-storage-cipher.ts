// Main process. The app's SecretCipher: Electron safeStorage (DPAPI, Keychain, libsecret/kwallet), async API first.
import type { SafeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import type { SecretCipher } from './cipher';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>
  & Partial<Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>>;

/** The key store safeStorage uses; on Linux the one Chromium selected, elsewhere fixed by the OS. */
export function storageBackend(safeStorage: Pick<SafeStorage, 'getSelectedStorageBackend'>, platform: NodeJS.Platform): string {
  switch (platform) {
    case 'win32':
      return 'dpapi';
    case 'darwin':
      return 'keychain';
    case 'linux':
      return safeStorage.getSelectedStorageBackend();
    default:
      return 'unknown';
  }
}

function unavailable(): AppError {
  return new AppError('not_configured', {
    zh: '此电脑的系统密钥库不可用，无法加密保存密钥',
    en: "This computer's keychain is unavailable, so secrets cannot be stored encrypted",
  }, { reason: 'encryption_unavailable' });
}

/** Thrown on a changed OS user or a broken keychain; the vault turns it into "please enter the secret again". */
export function decryptFailed(): AppError {
  return new AppError('not_configured', {
    zh: '无法解密已保存的密钥，请在设置中重新输入',
    en: 'The saved secret cannot be decrypted; please enter it again in Settings',
  }, { reason: 'decrypt_failed' });
}

/** Call after `app` is ready: before that the backend reads 'unknown' and encryption is unavailable. */
export async function createSafeStorageCipher(safeStorage: SafeStorageLike, platform: NodeJS.Platform = process.platform): Promise<SecretCipher> {
  const useAsync = typeof safeStorage.isAsyncEncryptionAvailable === 'function'
    && typeof safeStorage.encryptStringAsync === 'function'
    && typeof safeStorage.decryptStringAsync === 'function'
    && (await safeStorage.isAsyncEncryptionAvailable());
  const available = useAsync || safeStorage.isEncryptionAvailable();
  const backend = storageBackend(safeStorage, platform);
  return {
    backend,
    // basic_text is a hard-coded key: obfuscation, not protection. The clerk must accept it first.
    weak: backend === 'basic_text',
    async encrypt(plain) {
      if (!available) throw unavailable();
      return useAsync && safeStorage.encryptStringAsync ? safeStorage.encryptStringAsync(plain) : safeStorage.encryptString(plain);
    },
    async decrypt(cipher) {
      if (!available) throw unavailable();
      try {
        if (useAsync && safeStorage.decryptStringAsync) return (await safeStorage.decryptStringAsync(cipher)).result;
        return safeStorage.decryptString(cipher);
      } catch {
        // The OS error text can echo key-store internals; the clerk only needs to re-enter the secret.
        throw decryptFailed();
      }
    },
  };
}
