// Main process. The archived file of each Suning invoice (invoice_files, migration 007). Every write refreshes
// the derived file_verdict of the order's invoices in the same transaction.
import type { Bilingual } from '../../../shared/errors';
import type { EinvoiceFacts, FileOutcome, InvoiceFile } from '../../../shared/domain/einvoice-file';
import type { Db } from '../open';
import { refreshDerived } from '../derived';
import { INVOICE_FILE_COLUMNS, toInvoiceFile, type InvoiceFileDbRow } from '../invoice-file-rows';
import { nowIso, toJson } from '../util';

/** Which Suning invoice a file belongs to (stable across queries, unlike suning_invoices ids). */
export interface FileKey {
  readonly orderNo: string;
  readonly suningInvoiceNum: string;
  readonly suningInvoiceCode: string;
  readonly kind: 'blue' | 'red';
}

export interface FileRecord extends FileKey {
  readonly sourceUrl: string;
  readonly outcome: FileOutcome;
  readonly outcomeDetail: string;
  readonly httpStatus: number | null;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly attempts: number;
  readonly facts: EinvoiceFacts | null;
  readonly parseProblem: Bilingual | null;
  readonly fetchedAt?: string;
}

export function invoiceFilesRepo(db: Db) {
  const selKey = db.prepare(`SELECT ${INVOICE_FILE_COLUMNS} FROM invoice_files
    WHERE order_no = ? AND suning_invoice_num = ? AND suning_invoice_code = ? AND kind = ?`);
  const selOrder = db.prepare(`SELECT ${INVOICE_FILE_COLUMNS} FROM invoice_files WHERE order_no = ? ORDER BY id`);
  const selOrders = db.prepare(`SELECT ${INVOICE_FILE_COLUMNS} FROM invoice_files WHERE order_no IN (SELECT value FROM json_each(?)) ORDER BY id`);
  const selId = db.prepare(`SELECT ${INVOICE_FILE_COLUMNS} FROM invoice_files WHERE id = ?`);
  // A stored copy fetched from the same link (another invoice of the order, a re-query): no new request.
  const selBySource = db.prepare(`SELECT ${INVOICE_FILE_COLUMNS} FROM invoice_files WHERE source_url = ? AND outcome = 'stored' ORDER BY id DESC LIMIT 1`);
  const selBySha = db.prepare(`SELECT ${INVOICE_FILE_COLUMNS} FROM invoice_files WHERE sha256 = ? AND facts_json IS NOT NULL ORDER BY id DESC LIMIT 1`);
  const upsertSt = db.prepare(`INSERT INTO invoice_files (order_no, suning_invoice_num, suning_invoice_code, kind, source_url, outcome,
      outcome_detail, http_status, sha256, size, fetched_at, attempts, facts_json, parse_problem)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (order_no, suning_invoice_num, suning_invoice_code, kind) DO UPDATE SET
      source_url = excluded.source_url, outcome = excluded.outcome, outcome_detail = excluded.outcome_detail,
      http_status = excluded.http_status, sha256 = excluded.sha256, size = excluded.size, fetched_at = excluded.fetched_at,
      attempts = invoice_files.attempts + excluded.attempts, facts_json = excluded.facts_json, parse_problem = excluded.parse_problem
    RETURNING id`).pluck();
  const invoiceIdsOf = db.prepare('SELECT id FROM invoices WHERE order_no = ?').pluck();
  const countSt = db.prepare('SELECT COUNT(*) FROM invoice_files').pluck();

  function one(st: { get(...a: unknown[]): unknown }, ...args: unknown[]): InvoiceFile | null {
    const r = st.get(...args) as InvoiceFileDbRow | undefined;
    return r ? toInvoiceFile(r) : null;
  }

  return {
    get: (id: number): InvoiceFile | null => one(selId, id),
    byKey: (k: FileKey): InvoiceFile | null => one(selKey, k.orderNo, k.suningInvoiceNum, k.suningInvoiceCode, k.kind),
    storedFromSource: (url: string): InvoiceFile | null => one(selBySource, url),
    /** The facts already read from a file with these bytes (parsing once per hash). */
    parsedBySha: (sha256: string): InvoiceFile | null => one(selBySha, sha256),
    forOrder: (orderNo: string): InvoiceFile[] => (selOrder.all(orderNo) as InvoiceFileDbRow[]).map(toInvoiceFile),
    forOrders(orderNos: readonly string[]): Map<string, InvoiceFile[]> {
      const out = new Map<string, InvoiceFile[]>();
      for (const r of selOrders.all(JSON.stringify(orderNos)) as InvoiceFileDbRow[]) {
        const f = toInvoiceFile(r);
        const list = out.get(f.orderNo);
        if (list) list.push(f);
        else out.set(f.orderNo, [f]);
      }
      return out;
    },
    count: (): number => countSt.get() as number,
    /** Records how fetching a file went (attempts add up over runs) and refreshes the order's verdicts. */
    record(rec: FileRecord): number {
      return db.transaction(() => {
        const id = upsertSt.get(rec.orderNo, rec.suningInvoiceNum, rec.suningInvoiceCode, rec.kind, rec.sourceUrl, rec.outcome,
          rec.outcomeDetail, rec.httpStatus, rec.sha256, rec.size, rec.fetchedAt ?? nowIso(), rec.attempts,
          rec.facts ? toJson(rec.facts) : null, rec.parseProblem ? toJson(rec.parseProblem) : null) as number;
        refreshDerived(db, invoiceIdsOf.all(rec.orderNo) as number[]);
        return id;
      })();
    },
  };
}

export type InvoiceFilesRepo = ReturnType<typeof invoiceFilesRepo>;
