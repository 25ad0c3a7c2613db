// Main process. Encrypted secrets at rest; this table only ever sees ciphertext (the vault encrypts).
import type { Db } from '../open';
import { nowIso } from '../util';

export interface StoredSecret {
  readonly name: string;
  readonly ciphertext: Buffer;
  /** A masked hint for the UI (e.g. "••••3f9a"), never the secret. */
  readonly hint: string;
  readonly updatedAt: string;
}

export function secretsRepo(db: Db) {
  const upsert = db.prepare(`INSERT INTO secrets (name, ciphertext, hint, updated_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(name) DO UPDATE SET ciphertext = excluded.ciphertext, hint = excluded.hint, updated_at = excluded.updated_at`);
  const sel = db.prepare('SELECT name, ciphertext, hint, updated_at FROM secrets WHERE name = ?');

  function put(name: string, ciphertext: Buffer, hint: string): void {
    upsert.run(name, ciphertext, hint, nowIso());
  }

  function get(name: string): StoredSecret | null {
    const r = sel.get(name) as { name: string; ciphertext: Buffer; hint: string; updated_at: string } | undefined;
    return r ? { name: r.name, ciphertext: r.ciphertext, hint: r.hint, updatedAt: r.updated_at } : null;
  }

  function remove(name: string): boolean {
    return db.prepare('DELETE FROM secrets WHERE name = ?').run(name).changes > 0;
  }

  /** Names and hints only. */
  function list(): { name: string; hint: string; updatedAt: string }[] {
    return (db.prepare('SELECT name, hint, updated_at FROM secrets ORDER BY name').all() as { name: string; hint: string; updated_at: string }[])
      .map((r) => ({ name: r.name, hint: r.hint, updatedAt: r.updated_at }));
  }

  return { put, get, delete: remove, list };
}

export type SecretsRepo = ReturnType<typeof secretsRepo>;
