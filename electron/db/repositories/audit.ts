// Main process. Append-only audit log of imports, queries, submissions and settings changes.
// Callers pass only non-secret details; the log is shown to the clerk and exported.
import type { Db } from '../open';
import { encodeCursor, fromJsonObject, idPageCursor, nowIso, toJson } from '../util';

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly details: Record<string, unknown>;
}

interface AuditDbRow {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly target: string | null;
  readonly details: string;
}

export function auditRepo(db: Db) {
  const ins = db.prepare('INSERT INTO audit_log (at, actor, action, target, details) VALUES (?, ?, ?, ?, ?)');

  function append(actor: string, action: string, target: string | null, details: Record<string, unknown> = {}): number {
    return Number(ins.run(nowIso(), actor, action, target, toJson(details)).lastInsertRowid);
  }

  /** Newest first. */
  function list(page: { action?: string; cursor?: string | null; limit: number }): { rows: AuditRow[]; nextCursor: string | null } {
    const clauses: string[] = [];
    const params: (string | number)[] = [];
    const before = idPageCursor(page.cursor);
    if (before !== null) {
      clauses.push('id < ?');
      params.push(before);
    }
    if (page.action) {
      clauses.push('action = ?');
      params.push(page.action);
    }
    const where = clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = db.prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ?`).all(...params, page.limit + 1) as AuditDbRow[];
    const more = rows.length > page.limit;
    const out = (more ? rows.slice(0, page.limit) : rows).map((r) => ({ ...r, details: fromJsonObject(r.details) }));
    const last = out[out.length - 1];
    return { rows: out, nextCursor: more && last ? encodeCursor([last.id]) : null };
  }

  return { append, list };
}

export type AuditRepo = ReturnType<typeof auditRepo>;
