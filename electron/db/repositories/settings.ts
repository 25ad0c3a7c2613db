// Main process. Settings as JSON values by key (the settings service validates their shape with zod).
import type { Db } from '../open';
import { fromJson, nowIso, toJson } from '../util';

export function settingsRepo(db: Db) {
  const sel = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const put = db.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
    ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);

  /** The stored JSON value, or undefined when the key was never set. */
  function get(key: string): unknown {
    const text = sel.get(key) as string | undefined;
    return text === undefined ? undefined : fromJson(text);
  }

  function set(key: string, value: unknown): void {
    put.run(key, toJson(value), nowIso());
  }

  function remove(key: string): void {
    db.prepare('DELETE FROM settings WHERE key = ?').run(key);
  }

  return { get, set, remove };
}

export type SettingsRepo = ReturnType<typeof settingsRepo>;
