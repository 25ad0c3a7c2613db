// Main process. Append-only audit log of imports, queries, submissions and settings changes.
// Callers pass only non-secret details; the log is shown to the clerk and exported.
import type { Db } from '../open';
import { fromJsonObject, nowIso, toJson } from '../util';
import { equalTo, newestFirstPage } from './newest-first';

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
    return newestFirstPage(db, 'audit_log', [equalTo('action', page.action)], page, (r: AuditDbRow) => ({ ...r, details: fromJsonObject(r.details) }));
  }

  return { append, list };
}

export type AuditRepo = ReturnType<typeof auditRepo>;
