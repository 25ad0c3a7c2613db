// Main process. Keeps the derived columns of `invoices` (recon_status, submit_state, suning_*, queried_at)
// equal to what reconcile()/submitStateOf() say, so the list filters on plain indexed columns.
import type { OutboxState, SuningInvoice } from '../../shared/domain/invoice';
import { payloadOf, reconcile, submitStateOf, type LastQuery } from '../services/reconcile';
import type { Db } from './open';
import {
  INVOICE_COLUMNS, SUNING_COLUMNS, parsePayload, toLocalInvoice, toSuningInvoice, type InvoiceDbRow, type SuningDbRow,
} from './rows';
import { chunk } from './util';

const CHUNK = 2000;

interface LastQueryRow { readonly order_no: string; readonly outcome: LastQuery['outcome']; readonly at: string }
interface LatestSubRow { readonly invoice_id: number; readonly state: string; readonly payload: string }

/**
 * Recomputes the derived columns of the given invoices (all when `invoiceIds` is 'all').
 * Runs in one transaction (nested inside the caller's if there is one); writes only rows that change.
 * Returns how many rows changed.
 */
export function refreshDerived(db: Db, invoiceIds: readonly number[] | 'all'): number {
  const ids = invoiceIds === 'all'
    ? (db.prepare('SELECT id FROM invoices ORDER BY id').pluck().all() as number[])
    : [...new Set(invoiceIds)];
  if (ids.length === 0) return 0;

  const selInvoices = db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id IN (SELECT value FROM json_each(?))`);
  const selSuning = db.prepare(`SELECT ${SUNING_COLUMNS} FROM suning_invoices
    WHERE order_no IN (SELECT value FROM json_each(?)) ORDER BY order_no, position`);
  const selLastQuery = db.prepare(`SELECT order_no, outcome, at FROM suning_queries WHERE id IN (
    SELECT MAX(id) FROM suning_queries WHERE order_no IN (SELECT value FROM json_each(?)) GROUP BY order_no)`);
  const selLatestSub = db.prepare(`SELECT invoice_id, state, payload FROM submissions WHERE id IN (
    SELECT MAX(id) FROM submissions WHERE invoice_id IN (SELECT value FROM json_each(?)) GROUP BY invoice_id)`);
  const upd = db.prepare(`UPDATE invoices SET recon_status = ?, submit_state = ?, suning_invoice_num = ?,
    suning_amount_fen = ?, queried_at = ? WHERE id = ?`);

  let changed = 0;
  const run = db.transaction(() => {
    for (const part of chunk(ids, CHUNK)) {
      const rows = selInvoices.all(JSON.stringify(part)) as InvoiceDbRow[];
      const orders = JSON.stringify([...new Set(rows.map((r) => r.order_no))]);
      const suningByOrder = new Map<string, SuningInvoice[]>();
      for (const s of selSuning.all(orders) as SuningDbRow[]) {
        const list = suningByOrder.get(s.order_no);
        if (list) list.push(toSuningInvoice(s));
        else suningByOrder.set(s.order_no, [toSuningInvoice(s)]);
      }
      const lastQuery = new Map<string, LastQueryRow>();
      for (const q of selLastQuery.all(orders) as LastQueryRow[]) lastQuery.set(q.order_no, q);
      const latestSub = new Map<number, LatestSubRow>();
      for (const s of selLatestSub.all(JSON.stringify(part)) as LatestSubRow[]) latestSub.set(s.invoice_id, s);

      for (const r of rows) {
        const local = toLocalInvoice(r);
        const q = lastQuery.get(r.order_no) ?? null;
        const recon = reconcile({
          local,
          suning: suningByOrder.get(r.order_no) ?? [],
          lastQuery: q ? { outcome: q.outcome } : null,
        });
        const sub = latestSub.get(r.id);
        const submit = submitStateOf(
          sub ? { state: sub.state as OutboxState, payload: parsePayload(sub.payload) } : null,
          payloadOf(local),
        );
        const num = recon.validBlue?.invoiceNum ?? '';
        const amount = recon.validBlue?.amountFen ?? null;
        const at = q?.at ?? null;
        if (r.recon_status !== recon.status || r.submit_state !== submit || r.suning_invoice_num !== num
          || r.suning_amount_fen !== amount || r.queried_at !== at) {
          upd.run(recon.status, submit, num, amount, at, r.id);
          changed++;
        }
      }
    }
  });
  run();
  return changed;
}
