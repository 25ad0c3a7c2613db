// Main process. The cipher the vault encrypts through: each host injects its own (safeStorage, a key file, a test cipher).

/** Encrypts secrets at rest: Electron safeStorage in the app, a profile/env source in the CLI, a test cipher in tests. */
export interface SecretCipher {
  /** e.g. 'dpapi', 'keychain', 'gnome_libsecret', 'basic_text', 'test', 'env'. */
  readonly backend: string;
  /** True where encryption is only obfuscation (Linux basic_text): the user must accept it. */
  readonly weak: boolean;
  encrypt(plain: string): Promise<Buffer>;
  /** Throws when the ciphertext cannot be decrypted (changed OS user, broken keychain). */
  decrypt(cipher: Buffer): Promise<string>;
}
