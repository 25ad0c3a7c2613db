// Main process. Import batches (one row per committed file) and the column mapping remembered per source.
import type { Db } from '../open';
import { fromJsonObject, nowIso, toJson } from '../util';

export interface ImportBatchInput {
  readonly fileName: string;
  readonly format: 'csv' | 'xlsx';
  readonly encoding: string | null;
  readonly signature: string;
  readonly mapping: Readonly<Record<string, string>>;
  readonly rowCount: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly invalid: number;
  readonly actor: string;
}

export interface RememberedMapping {
  readonly signature: string;
  readonly filePattern: string;
  readonly headers: readonly string[];
  readonly mapping: Record<string, string>;
  readonly updatedAt: string;
}

export function importsRepo(db: Db) {
  function createBatch(b: ImportBatchInput): number {
    return Number(db.prepare(`INSERT INTO import_batches (file_name, format, encoding, signature, mapping, row_count, inserted,
      updated, unchanged, invalid, actor, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(b.fileName, b.format, b.encoding, b.signature, toJson(b.mapping), b.rowCount, b.inserted, b.updated, b.unchanged,
        b.invalid, b.actor, nowIso()).lastInsertRowid);
  }

  function listBatches(limit = 50): (ImportBatchInput & { id: number; importedAt: string })[] {
    const rows = db.prepare('SELECT * FROM import_batches ORDER BY id DESC LIMIT ?').all(limit) as {
      id: number; file_name: string; format: 'csv' | 'xlsx'; encoding: string | null; signature: string; mapping: string;
      row_count: number; inserted: number; updated: number; unchanged: number; invalid: number; actor: string; imported_at: string;
    }[];
    return rows.map((r) => ({
      id: r.id, fileName: r.file_name, format: r.format, encoding: r.encoding, signature: r.signature,
      mapping: fromJsonObject(r.mapping) as Record<string, string>, rowCount: r.row_count, inserted: r.inserted,
      updated: r.updated, unchanged: r.unchanged, invalid: r.invalid, actor: r.actor, importedAt: r.imported_at,
    }));
  }

  function rememberMapping(signature: string, filePattern: string, headers: readonly string[], mapping: Readonly<Record<string, string>>): void {
    db.prepare(`INSERT INTO import_mappings (signature, file_pattern, headers, mapping, updated_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT(signature) DO UPDATE SET file_pattern = excluded.file_pattern, headers = excluded.headers,
      mapping = excluded.mapping, updated_at = excluded.updated_at`)
      .run(signature, filePattern, toJson(headers), toJson(mapping), nowIso());
  }

  function mappingFor(signature: string): RememberedMapping | null {
    const r = db.prepare('SELECT * FROM import_mappings WHERE signature = ?').get(signature) as
      { signature: string; file_pattern: string; headers: string; mapping: string; updated_at: string } | undefined;
    if (!r) return null;
    const headers = JSON.parse(r.headers) as unknown;
    return {
      signature: r.signature,
      filePattern: r.file_pattern,
      headers: Array.isArray(headers) ? headers.map(String) : [],
      mapping: fromJsonObject(r.mapping) as Record<string, string>,
      updatedAt: r.updated_at,
    };
  }

  return { createBatch, listBatches, rememberMapping, mappingFor };
}

export type ImportsRepo = ReturnType<typeof importsRepo>;
