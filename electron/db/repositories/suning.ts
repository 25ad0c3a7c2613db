// Main process. What Suning reported per order, and the log of every query made for a bill.
import type { BillType, SuningInvoice } from '../../../shared/domain/invoice';
import type { Db } from '../open';
import { refreshDerived } from '../derived';
import { SUNING_COLUMNS, toSuningInvoice, type SuningDbRow } from '../rows';
import { nowIso, toJson } from '../util';
import { newestFirstPage, prefixOf } from './newest-first';

export type QueryOutcome = 'found' | 'no_result' | 'error';

export interface QueryLogInput {
  readonly orderNo: string;
  readonly billType: BillType;
  readonly outcome: QueryOutcome;
  readonly invoices: number;
  readonly code?: string | null;
  readonly message?: string | null;
  readonly jobId?: number | null;
  readonly at?: string;
}

export interface QueryLogRow {
  readonly id: number;
  readonly orderNo: string;
  readonly billType: BillType;
  readonly at: string;
  readonly outcome: QueryOutcome;
  readonly invoices: number;
  readonly code: string | null;
  readonly message: string | null;
  readonly jobId: number | null;
}

interface QueryDbRow {
  readonly id: number;
  readonly order_no: string;
  readonly bill_type: string;
  readonly at: string;
  readonly outcome: string;
  readonly invoices: number;
  readonly code: string | null;
  readonly message: string | null;
  readonly job_id: number | null;
}

function toQueryRow(r: QueryDbRow): QueryLogRow {
  return {
    id: r.id,
    orderNo: r.order_no,
    billType: r.bill_type as BillType,
    at: r.at,
    outcome: r.outcome as QueryOutcome,
    invoices: r.invoices,
    code: r.code,
    message: r.message,
    jobId: r.job_id,
  };
}

export function suningRepo(db: Db) {
  const del = db.prepare('DELETE FROM suning_invoices WHERE order_no = ?');
  const ins = db.prepare(`INSERT INTO suning_invoices (${SUNING_COLUMNS}, position, fetched_at, raw)
    VALUES (${Array.from({ length: 21 }, () => '?').join(', ')})`);
  const invoiceIdsOf = db.prepare('SELECT id FROM invoices WHERE order_no = ?').pluck();
  const insQuery = db.prepare(`INSERT INTO suning_queries (order_no, bill_type, at, outcome, invoices, code, message, job_id)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const selLast = db.prepare('SELECT * FROM suning_queries WHERE order_no = ? ORDER BY id DESC LIMIT 1');
  const selLastAnswer = db.prepare("SELECT * FROM suning_queries WHERE order_no = ? AND outcome <> 'error' ORDER BY id DESC LIMIT 1");

  /** Replaces everything known for the order with this answer (raw = the platform's own item JSON). */
  function replaceForOrder(orderNo: string, invoices: readonly SuningInvoice[], raw: unknown, fetchedAt: string = nowIso()): void {
    db.transaction(() => {
      del.run(orderNo);
      const rawText = toJson(raw);
      invoices.forEach((s, i) => {
        ins.run(orderNo, s.orderItemId, s.saleOrg, s.saleTaxNo, s.invoiceFlag, s.invoiceType, s.invoiceCode, s.invoiceNum,
          s.amountFen, s.noTaxAmountFen, s.invoiceDate, s.securityCode, s.oldInvoiceCode, s.oldInvoiceNum,
          s.logisticsOrderId, s.logisticsComp, s.invoiceStatus, s.pdfUrl, i, fetchedAt, rawText);
      });
      refreshDerived(db, invoiceIdsOf.all(orderNo) as number[]);
    })();
  }

  function listForOrder(orderNo: string): SuningInvoice[] {
    return (db.prepare(`SELECT ${SUNING_COLUMNS} FROM suning_invoices WHERE order_no = ? ORDER BY position`).all(orderNo) as SuningDbRow[])
      .map(toSuningInvoice);
  }

  function logQuery(q: QueryLogInput): number {
    return db.transaction(() => {
      const info = insQuery.run(q.orderNo, q.billType, q.at ?? nowIso(), q.outcome, q.invoices, q.code ?? null, q.message ?? null, q.jobId ?? null);
      refreshDerived(db, invoiceIdsOf.all(q.orderNo) as number[]);
      return Number(info.lastInsertRowid);
    })();
  }

  function lastQuery(orderNo: string): QueryLogRow | null {
    const r = selLast.get(orderNo) as QueryDbRow | undefined;
    return r ? toQueryRow(r) : null;
  }

  /** The newest successful query (found / no_result): the answer in effect even when a later one failed. */
  function lastAnswer(orderNo: string): QueryLogRow | null {
    const r = selLastAnswer.get(orderNo) as QueryDbRow | undefined;
    return r ? toQueryRow(r) : null;
  }

  /** Newest first; search = order number exact or prefix. */
  function listQueries(page: { search?: string; cursor?: string | null; limit: number }): { rows: QueryLogRow[]; nextCursor: string | null } {
    return newestFirstPage(db, 'suning_queries', [prefixOf('order_no', page.search)], page, toQueryRow);
  }

  return { replaceForOrder, listForOrder, logQuery, lastQuery, lastAnswer, listQueries };
}

export type SuningRepo = ReturnType<typeof suningRepo>;
