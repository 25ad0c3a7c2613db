// Main process. "采用苏宁结果" batches as the audit log records them: one 'invoice.apply_suning' entry per invoice
// with the exact values before and after, and one 'invoice.undo_apply_suning' per invoice undone. The undo reads
// the previous values from here, so what it restores is what the log shows.
import { z } from 'zod';
import type { Db } from '../open';

const valueSchema = z.union([z.string(), z.number()]);
export const applyEntrySchema = z.object({
  batch: z.string(),
  invoiceId: z.number().int(),
  before: z.record(z.string(), valueSchema),
  after: z.record(z.string(), valueSchema),
  /** Where each changed field's value came from before (null: the ERP file). */
  beforeOrigins: z.record(z.string(), z.enum(['suning', 'edit', 'undo']).nullable()),
});
export type ApplyEntry = z.infer<typeof applyEntrySchema> & { readonly auditId: number; readonly invoiceNo: string; readonly at: string };

export function applyBatchesRepo(db: Db) {
  const selEntries = db.prepare(`SELECT id, at, target, details FROM audit_log
    WHERE action = 'invoice.apply_suning' AND details ->> '$.batch' = ? ORDER BY id`);
  const selUndone = db.prepare(`SELECT details ->> '$.invoiceId' FROM audit_log
    WHERE action = 'invoice.undo_apply_suning' AND details ->> '$.batch' = ?`).pluck();
  // audit_log_target (target, action, id): this invoice's entries only, newest first.
  const selNewestFor = db.prepare(`SELECT details ->> '$.batch' AS batch, at FROM audit_log
    WHERE action = 'invoice.apply_suning' AND target = ? AND details ->> '$.batch' IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const selUndoneOne = db.prepare(`SELECT 1 FROM audit_log WHERE action = 'invoice.undo_apply_suning' AND target = ?
    AND details ->> '$.batch' = ? LIMIT 1`).pluck();

  /** The batch's per-invoice entries, in the order they were written. Entries of older versions (no batch) never match. */
  function entries(batch: string): ApplyEntry[] {
    return (selEntries.all(batch) as { id: number; at: string; target: string; details: string }[]).map((r) => ({
      ...applyEntrySchema.parse(JSON.parse(r.details)), auditId: r.id, invoiceNo: r.target, at: r.at,
    }));
  }

  /** Invoice ids of the batch already undone. */
  function undone(batch: string): Set<number> {
    return new Set((selUndone.all(batch) as (number | string)[]).map(Number));
  }

  /** The newest batch that filled this invoice and was not undone for it (the detail panel's undo), if any. */
  function undoableFor(invoiceNo: string): { batch: string; at: string } | null {
    const r = selNewestFor.get(invoiceNo) as { batch: string; at: string } | undefined;
    if (!r || selUndoneOne.get(invoiceNo, r.batch) !== undefined) return null;
    return r;
  }

  return { entries, undone, undoableFor };
}

export type ApplyBatchesRepo = ReturnType<typeof applyBatchesRepo>;
