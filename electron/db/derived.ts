// Main process. Keeps the derived columns of `invoices` (recon_status, submit_state, suning_*, queried_at, file_verdict,
// query_failed_*) equal to what reconcile()/submitStateOf() say, so the list filters on plain indexed columns.
//
// A failed query never erases a known answer: the verdict comes from the order's newest SUCCESSFUL query (and
// the Suning invoices it stored, which a failure leaves in place); a newer failure only sets the
// query_failed_* flag. An order that never had a successful query is 'query_failed' as before.
import type { LocalInvoice, OutboxState, SuningInvoice } from '../../shared/domain/invoice';
import { payloadOf, reconcile, submitStateOf, type LastQuery, type ReconResult } from '../domain/reconcile';
import type { InvoiceFile } from '../../shared/domain/einvoice-file';
import { checkInvoiceFile } from '../domain/einvoice-check';
import type { Db } from './open';
import { INVOICE_FILE_COLUMNS, toInvoiceFile, type InvoiceFileDbRow } from './invoice-file-rows';
import {
  INVOICE_COLUMNS, SUNING_COLUMNS, parsePayload, toLocalInvoice, toSuningInvoice, type InvoiceDbRow, type SuningDbRow,
} from './rows';
import { chunk } from './util';

const CHUNK = 2000;

interface LastQueryRow {
  readonly order_no: string;
  readonly outcome: LastQuery['outcome'];
  readonly at: string;
  readonly code: string | null;
  readonly message: string | null;
}
interface LatestSubRow { readonly invoice_id: number; readonly state: string; readonly payload: string }

/** The derived columns, in the order of DerivedValues (INSERTs of new invoices list them from here). */
export const DERIVED_COLUMNS = [
  'recon_status', 'submit_state', 'suning_invoice_num', 'suning_amount_fen', 'queried_at', 'query_failed_at', 'query_failed_reason',
  'file_verdict',
] as const;
export type DerivedValues = readonly [string, string, string, number | null, string | null, string | null, string, string];

/** What Suning said about a set of orders, fetched in one pass. */
export interface OrderContext {
  readonly suning: ReadonlyMap<string, SuningInvoice[]>;
  /** The newest query of each order, whatever its outcome. */
  readonly lastQuery: ReadonlyMap<string, LastQueryRow>;
  /** The newest successful (found / no_result) query of each order, when it differs from lastQuery. */
  readonly lastAnswer?: ReadonlyMap<string, LastQueryRow>;
  /** The archived files of each order (issue 15): file_verdict is checkInvoiceFile() over them. */
  readonly files?: ReadonlyMap<string, InvoiceFile[]>;
}

function prepareStatements(db: Db) {
  return {
    suning: db.prepare(`SELECT ${SUNING_COLUMNS} FROM suning_invoices
      WHERE order_no IN (SELECT value FROM json_each(?)) ORDER BY order_no, position`),
    lastQuery: db.prepare(`SELECT order_no, outcome, at, code, message FROM suning_queries WHERE id IN (
      SELECT MAX(id) FROM suning_queries WHERE order_no IN (SELECT value FROM json_each(?)) GROUP BY order_no)`),
    // Only for orders whose newest query failed (few): their last successful answer.
    lastAnswer: db.prepare(`SELECT order_no, outcome, at, code, message FROM suning_queries WHERE id IN (
      SELECT MAX(id) FROM suning_queries WHERE order_no IN (SELECT value FROM json_each(?)) AND outcome <> 'error' GROUP BY order_no)`),
    files: db.prepare(`SELECT ${INVOICE_FILE_COLUMNS} FROM invoice_files WHERE order_no IN (SELECT value FROM json_each(?)) ORDER BY id`),
    anyFile: db.prepare('SELECT 1 FROM invoice_files LIMIT 1').pluck(),
    selInvoices: db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id IN (SELECT value FROM json_each(?))`),
    selLatestSub: db.prepare(`SELECT invoice_id, state, payload FROM submissions WHERE id IN (
      SELECT MAX(id) FROM submissions WHERE invoice_id IN (SELECT value FROM json_each(?)) GROUP BY invoice_id)`),
    upd: db.prepare(`UPDATE invoices SET ${DERIVED_COLUMNS.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`),
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
  const lastAnswer = new Map<string, LastQueryRow>();
  const files = new Map<string, InvoiceFile[]>();
  // Before anything is archived (every import until then) the files lookup is skipped whole.
  const anyFile = st.anyFile.get() !== undefined;
  for (const part of chunk([...new Set(orderNos)], CHUNK)) {
    const json = JSON.stringify(part);
    for (const s of st.suning.all(json) as SuningDbRow[]) {
      const list = suning.get(s.order_no);
      if (list) list.push(toSuningInvoice(s));
      else suning.set(s.order_no, [toSuningInvoice(s)]);
    }
    const failed: string[] = [];
    for (const q of st.lastQuery.all(json) as LastQueryRow[]) {
      lastQuery.set(q.order_no, q);
      if (q.outcome === 'error') failed.push(q.order_no);
    }
    if (failed.length > 0) for (const q of st.lastAnswer.all(JSON.stringify(failed)) as LastQueryRow[]) lastAnswer.set(q.order_no, q);
    if (anyFile) {
      for (const r of st.files.all(json) as InvoiceFileDbRow[]) {
        const f = toInvoiceFile(r);
        const list = files.get(f.orderNo);
        if (list) list.push(f);
        else files.set(f.orderNo, [f]);
      }
    }
  }
  return { suning, lastQuery, lastAnswer, files };
}

/**
 * Why a query failed, for the flag: the message, with the platform's own code in front (e.g. 9999); our
 * `platform.*` kinds add nothing the message does not say.
 */
export function failureReason(q: Pick<LastQueryRow, 'code' | 'message'>): string {
  const message = q.message?.trim() ?? '';
  const code = q.code?.trim() ?? '';
  if (message !== '' && code !== '' && !code.startsWith('platform.') && !message.includes(code)) return `${code}: ${message}`;
  return message !== '' ? message : code;
}

/** The reconciliation of one invoice against the answer in effect for its order. */
export function reconcileInContext(local: LocalInvoice, ctx: OrderContext): { recon: ReconResult; answer: LastQueryRow | null; failed: LastQueryRow | null } {
  const last = ctx.lastQuery.get(local.orderNo) ?? null;
  const failed = last?.outcome === 'error' ? last : null;
  // The answer in effect: the newest successful one when the newest query failed (if there ever was one).
  const answer = (failed ? ctx.lastAnswer?.get(local.orderNo) : undefined) ?? last;
  const recon = reconcile({
    local,
    suning: ctx.suning.get(local.orderNo) ?? [],
    lastQuery: answer ? { outcome: answer.outcome } : null,
  });
  return { recon, answer, failed };
}

/** Derived values of one invoice from its order's context and its latest submission. */
export function deriveOne(local: LocalInvoice, ctx: OrderContext, latest: LatestSubRow | null): DerivedValues {
  const { recon, answer: q, failed } = reconcileInContext(local, ctx);
  const submit = submitStateOf(
    latest ? { state: latest.state as OutboxState, payload: parsePayload(latest.payload) } : null,
    payloadOf(local),
  );
  const fileVerdict = checkInvoiceFile({ local, suning: ctx.suning.get(local.orderNo) ?? [], files: ctx.files?.get(local.orderNo) ?? [] }).verdict;
  return [recon.status, submit, recon.validBlue?.invoiceNum ?? '', recon.validBlue?.amountFen ?? recon.validTotalFen, q?.at ?? null,
    failed?.at ?? null, failed ? failureReason(failed) : '', fileVerdict];
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
          || r.suning_amount_fen !== d[3] || r.queried_at !== d[4] || r.query_failed_at !== d[5] || r.query_failed_reason !== d[6]
          || r.file_verdict !== d[7]) {
          upd.run(...d, r.id);
          changed++;
        }
      }
    }
  })();
  return changed;
}
