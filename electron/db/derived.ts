// Main process. Keeps the derived columns of `invoices` (recon_status, submit_state, suning_*, queried_at)
// equal to what reconcile()/submitStateOf() say, so the list filters on plain indexed columns.
import type { LocalInvoice, OutboxState, SuningInvoice } from '../../shared/domain/invoice';
import { payloadOf, reconcile, submitStateOf, type LastQuery } from '../domain/reconcile';
import type { Db } from './open';
import {
  INVOICE_COLUMNS, SUNING_COLUMNS, parsePayload, toLocalInvoice, toSuningInvoice, type InvoiceDbRow, type SuningDbRow,
} from './rows';
import { chunk } from './util';

const CHUNK = 2000;

interface LastQueryRow { readonly order_no: string; readonly outcome: LastQuery['outcome']; readonly at: string }
interface LatestSubRow { readonly invoice_id: number; readonly state: string; readonly payload: string }

/** The derived columns in table order: recon_status, submit_state, suning_invoice_num, suning_amount_fen, queried_at. */
export type DerivedValues = readonly [string, string, string, number | null, string | null];

/** What Suning said about a set of orders, fetched in one pass. */
export interface OrderContext {
  readonly suning: ReadonlyMap<string, SuningInvoice[]>;
  readonly lastQuery: ReadonlyMap<string, LastQueryRow>;
}

function prepareStatements(db: Db) {
  return {
    suning: db.prepare(`SELECT ${SUNING_COLUMNS} FROM suning_invoices
      WHERE order_no IN (SELECT value FROM json_each(?)) ORDER BY order_no, position`),
    lastQuery: db.prepare(`SELECT order_no, outcome, at FROM suning_queries WHERE id IN (
      SELECT MAX(id) FROM suning_queries WHERE order_no IN (SELECT value FROM json_each(?)) GROUP BY order_no)`),
    selInvoices: db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id IN (SELECT value FROM json_each(?))`),
    selLatestSub: db.prepare(`SELECT invoice_id, state, payload FROM submissions WHERE id IN (
      SELECT MAX(id) FROM submissions WHERE invoice_id IN (SELECT value FROM json_each(?)) GROUP BY invoice_id)`),
    upd: db.prepare(`UPDATE invoices SET recon_status = ?, submit_state = ?, suning_invoice_num = ?,
      suning_amount_fen = ?, queried_at = ? WHERE id = ?`),
  };
}

// Prepared once per connection: a bulk query refreshes a few invoices per answered bill, thousands of times,
// and preparing these statements on every call cost more than running them.
const prepared = new WeakMap<Db, ReturnType<typeof prepareStatements>>();

function statements(db: Db): ReturnType<typeof prepareStatements> {
  let st = prepared.get(db);
  if (!st) {
    st = prepareStatements(db);
    prepared.set(db, st);
  }
  return st;
}

export function loadOrderContext(db: Db, orderNos: readonly string[]): OrderContext {
  const st = statements(db);
  const suning = new Map<string, SuningInvoice[]>();
  const lastQuery = new Map<string, LastQueryRow>();
  for (const part of chunk([...new Set(orderNos)], CHUNK)) {
    const json = JSON.stringify(part);
    for (const s of st.suning.all(json) as SuningDbRow[]) {
      const list = suning.get(s.order_no);
      if (list) list.push(toSuningInvoice(s));
      else suning.set(s.order_no, [toSuningInvoice(s)]);
    }
    for (const q of st.lastQuery.all(json) as LastQueryRow[]) lastQuery.set(q.order_no, q);
  }
  return { suning, lastQuery };
}

/** Derived values of one invoice from its order's context and its latest submission. */
export function deriveOne(local: LocalInvoice, ctx: OrderContext, latest: LatestSubRow | null): DerivedValues {
  const q = ctx.lastQuery.get(local.orderNo) ?? null;
  const recon = reconcile({
    local,
    suning: ctx.suning.get(local.orderNo) ?? [],
    lastQuery: q ? { outcome: q.outcome } : null,
  });
  const submit = submitStateOf(
    latest ? { state: latest.state as OutboxState, payload: parsePayload(latest.payload) } : null,
    payloadOf(local),
  );
  return [recon.status, submit, recon.validBlue?.invoiceNum ?? '', recon.validBlue?.amountFen ?? null, q?.at ?? null];
}

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

  const { selInvoices, selLatestSub, upd } = statements(db);

  let changed = 0;
  db.transaction(() => {
    for (const part of chunk(ids, CHUNK)) {
      const rows = selInvoices.all(JSON.stringify(part)) as InvoiceDbRow[];
      const ctx = loadOrderContext(db, rows.map((r) => r.order_no));
      const latestSub = new Map<number, LatestSubRow>();
      for (const s of selLatestSub.all(JSON.stringify(part)) as LatestSubRow[]) latestSub.set(s.invoice_id, s);
      for (const r of rows) {
        const d = deriveOne(toLocalInvoice(r), ctx, latestSub.get(r.id) ?? null);
        if (r.recon_status !== d[0] || r.submit_state !== d[1] || r.suning_invoice_num !== d[2]
          || r.suning_amount_fen !== d[3] || r.queried_at !== d[4]) {
          upd.run(...d, r.id);
          changed++;
        }
      }
    }
  })();
  return changed;
}
