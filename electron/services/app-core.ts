// Main process. Composes db, secrets, platforms and services into the one handler table every host mounts.
// SIGNATURE STUB — the implementation is being written; keep the exported names and types.
import type { EventName, EventPayload, HandlerTable } from '../../shared/api/contract';

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

export interface AppCoreOptions {
  readonly dataDir: string;
  readonly host: 'electron' | 'browser' | 'cli';
  readonly cipher: SecretCipher;
  readonly version: string;
}

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AppCore {
  readonly handlers: HandlerTable;
  /** Subscribe to main → renderer events; returns an unsubscribe function. */
  onEvent(listener: EventSink): () => void;
  /** Pauses running jobs (persisted so the next start resumes them) and closes the database. */
  close(): Promise<void>;
}

export function createAppCore(_options: AppCoreOptions): Promise<AppCore> {
  return Promise.reject(new Error('createAppCore: not implemented yet'));
}
