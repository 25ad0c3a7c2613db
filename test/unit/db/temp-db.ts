// Test helper (Node). A real SQLite file in a fresh temp directory, removed after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { openDatabase, type Db, type OpenOptions } from '../../../electron/db/open';

export interface TempDb {
  readonly db: Db;
  readonly dir: string;
  readonly file: string;
  cleanup(): void;
}

export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'invoice-recon-db-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A database file path in a fresh temp directory, removed when the current test finishes. */
export function tempDbFile(): string {
  const t = tempDir();
  onTestFinished(t.cleanup);
  return path.join(t.dir, 'app.db');
}

export function tempDb(opts?: OpenOptions): TempDb {
  const { dir, cleanup } = tempDir();
  const file = path.join(dir, 'app.db');
  const db = openDatabase(file, opts);
  return {
    db, dir, file,
    cleanup: () => {
      if (db.open) db.close();
      cleanup();
    },
  };
}
