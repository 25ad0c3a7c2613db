// Node (Vitest). The safeStorage-backed cipher: backend detection, async-first, decrypt failure mapping.
import { describe, expect, it, vi } from 'vitest';
import type { SafeStorage } from 'electron';
import { AppError } from '../../../shared/errors';
import { createSafeStorageCipher, storageBackend } from '../../../electron/secrets/safe-storage-cipher';

type Backend = ReturnType<SafeStorage['getSelectedStorageBackend']>;

/** A reversible stand-in for the OS key store ("enc:" prefix), with the async API optional. */
function fakeSafeStorage(options: { backend?: Backend; async?: boolean; available?: boolean } = {}) {
  const available = options.available ?? true;
  const sync = {
    isEncryptionAvailable: vi.fn(() => available),
    encryptString: vi.fn((plain: string) => Buffer.from(`enc:${plain}`)),
    decryptString: vi.fn((cipher: Buffer) => {
      const text = cipher.toString();
      if (!text.startsWith('enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString. (libsecret: key 0xDEADBEEF)');
      return text.slice(4);
    }),
    getSelectedStorageBackend: vi.fn((): Backend => options.backend ?? 'gnome_libsecret'),
  };
  if (!options.async) return sync;
  return {
    ...sync,
    isAsyncEncryptionAvailable: vi.fn(async () => available),
    encryptStringAsync: vi.fn(async (plain: string) => Buffer.from(`enc:${plain}`)),
    decryptStringAsync: vi.fn(async (cipher: Buffer) => ({ result: sync.decryptString(cipher), shouldReEncrypt: false })),
  };
}

describe('storageBackend', () => {
  it('names the OS store, and asks Chromium on Linux', () => {
    const s = fakeSafeStorage({ backend: 'kwallet6' });
    expect(storageBackend(s, 'win32')).toBe('dpapi');
    expect(storageBackend(s, 'darwin')).toBe('keychain');
    expect(s.getSelectedStorageBackend).not.toHaveBeenCalled();
    expect(storageBackend(s, 'linux')).toBe('kwallet6');
  });
});

describe('createSafeStorageCipher', () => {
  it('flags Linux basic_text as weak and real key stores as strong', async () => {
    expect((await createSafeStorageCipher(fakeSafeStorage({ backend: 'basic_text' }), 'linux'))).toMatchObject({ backend: 'basic_text', weak: true });
    expect((await createSafeStorageCipher(fakeSafeStorage({ backend: 'gnome_libsecret' }), 'linux'))).toMatchObject({ backend: 'gnome_libsecret', weak: false });
    expect((await createSafeStorageCipher(fakeSafeStorage(), 'win32'))).toMatchObject({ backend: 'dpapi', weak: false });
  });

  it('uses the async API when Electron offers it', async () => {
    const s = fakeSafeStorage({ async: true });
    const cipher = await createSafeStorageCipher(s, 'win32');
    const sealed = await cipher.encrypt('秘密-secret');
    expect(await cipher.decrypt(sealed)).toBe('秘密-secret');
    expect('encryptStringAsync' in s && s.encryptStringAsync).toHaveBeenCalledOnce();
    expect('decryptStringAsync' in s && s.decryptStringAsync).toHaveBeenCalledOnce();
    expect(s.encryptString).not.toHaveBeenCalled();
  });

  it('falls back to the sync API where the async one is missing', async () => {
    const s = fakeSafeStorage({ async: false });
    const cipher = await createSafeStorageCipher(s, 'linux');
    expect(await cipher.decrypt(await cipher.encrypt('abc'))).toBe('abc');
    expect(s.encryptString).toHaveBeenCalledOnce();
    expect(s.decryptString).toHaveBeenCalledOnce();
  });

  it.each([true, false])('turns a failed decryption into not_configured/decrypt_failed without the OS text (async=%s)', async (useAsync) => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage({ async: useAsync }), 'win32');
    const error = await cipher.decrypt(Buffer.from('written by another Windows user')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    const shape = (error as AppError).toShape();
    expect(shape).toMatchObject({ code: 'not_configured', details: { reason: 'decrypt_failed' } });
    expect(shape.message).toContain('重新输入');
    expect(shape.messageEn).toContain('enter it again');
    expect(JSON.stringify(shape)).not.toContain('0xDEADBEEF');
  });

  it('refuses to encrypt when no key store is available', async () => {
    const cipher = await createSafeStorageCipher(fakeSafeStorage({ available: false, async: true }), 'linux');
    const error = await cipher.encrypt('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toShape()).toMatchObject({ code: 'not_configured', details: { reason: 'encryption_unavailable' } });
  });
});
