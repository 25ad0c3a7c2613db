// Main process. Local ERP invoices: idempotent bulk upsert with a field-level diff, edits, and the keyset-paged
// listing behind `invoices:list` / `invoices:counts`.
import { AppError } from '../../../shared/errors';
import { formatFen } from '../../../shared/domain/money';
import {
  RECON_STATUSES, SUBMIT_STATES, type InvoiceRow, type LocalInvoice, type ReconStatus, type SubmitState,
} from '../../../shared/domain/invoice';
import type { InvoiceFilter, InvoiceSort, Selection } from '../../../shared/api/schemas';
import { BULK_CACHE_KIB, DEFAULT_CACHE_KIB, type Db } from '../open';
import { DERIVED_COLUMNS, deriveOne, loadOrderContext, refreshDerived, type OrderContext } from '../derived';
import { INVOICE_COLUMNS, toInvoiceRow, type InvoiceDbRow } from '../rows';
import { badCursor, chunk, decodeCursor, encodeCursor, nowIso } from '../util';

/** What an import (or the practice generator) provides for one invoice. */
export type InvoiceInput = Omit<LocalInvoice, 'id' | 'source' | 'updatedAt'>;

/** Fields the clerk (or "use Suning's values") may change on an existing invoice. */
export type InvoicePatch = Partial<Omit<InvoiceInput, 'invoiceNo'>>;

export interface FieldChange {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}
export interface InvoiceChange {
  readonly invoiceNo: string;
  readonly fields: readonly FieldChange[];
}
export interface UpsertResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly changes: readonly InvoiceChange[];
  /** Ids of inserted and updated rows. */
  readonly touchedIds: readonly number[];
}

export interface UpsertOptions {
  /** Per invoice number, fields a re-import leaves as they are (the app's values the clerk chose to keep). */
  readonly keep?: ReadonlyMap<string, ReadonlySet<string>>;
}

export interface ListPage {
  readonly rows: InvoiceRow[];
  readonly nextCursor: string | null;
  readonly total: number;
}

export interface InvoiceCounts {
  readonly total: number;
  readonly byRecon: Record<ReconStatus, number>;
  readonly bySubmit: Record<SubmitState, number>;
  readonly queryFailed: number;
  readonly shops: string[];
}

type Field = keyof Omit<InvoiceInput, 'invoiceNo'>;
const FIELD_COLUMN: Readonly<Record<Field, string>> = {
  orderNo: 'order_no',
  billType: 'bill_type',
  shop: 'shop',
  saleOrg: 'sale_org',
  buyerTitle: 'buyer_title',
  amountFen: 'amount_fen',
  taxAmountFen: 'tax_amount_fen',
  invoiceDate: 'invoice_date',
  invoiceCode: 'invoice_code',
  invoiceNum: 'invoice_num',
  pdfUrl: 'pdf_url',
  targetStatus: 'target_status',
  errorInfo: 'error_info',
};
const FIELDS = Object.keys(FIELD_COLUMN) as Field[];

const SORT_COLUMN: Readonly<Record<InvoiceSort['field'], string>> = {
  invoiceNo: 'invoice_no',
  orderNo: 'order_no',
  shop: 'shop',
  buyerTitle: 'buyer_title',
  amountFen: 'amount_fen',
  invoiceDate: 'invoice_date',
  invoiceNum: 'invoice_num',
  invoiceCode: 'invoice_code',
  reconStatus: 'recon_status',
  submitState: 'submit_state',
  updatedAt: 'updated_at',
};
const NUMERIC_SORT = new Set<InvoiceSort['field']>(['amountFen']);

/** Upper bound for a prefix range: every string starting with p sorts below p + U+10FFFF. */
const PREFIX_END = String.fromCodePoint(0x10ffff);

/** Rows a page may walk along the sort index before it switches to sorting the filter's matches. */
const WALK_BUDGET = 5_000;

/**
 * Filter column → sort columns with a composite (filter, sort) index: the filter's matches are sorted from that
 * index alone (no table lookup per match), so up to FILTER_FIRST_MAX matches are sorted rather than walked.
 */
const COVERED_SORTS: Readonly<Record<string, readonly string[]>> = { invoice_date: ['invoice_no'] };
const FILTER_FIRST_MAX = 50_000;

/**
 * Rows with other values a status count may step through before counting the filter's matches instead. A
 * status most rows share (99,000 of 100,000 "not submitted") is cheaper to count as the table (SQLite counts a
 * whole index page by page, not entry by entry) minus the few rows with any other value. A wrong guess costs
 * the probe: about 0.1 ms, 2% of counting 100,000 rows one by one.
 */
const COUNT_PROBE = 2_000;

/** Inserts at least this large (and at least as large as the table) rebuild the secondary indexes afterwards. */
const BULK_MIN = 5_000;
const INSERT_BATCH = 100;
/** PRAGMA temp_store value for temporary files (0 default, 1 file, 2 memory). */
const TEMP_STORE_FILE = 1;

type SqlParam = string | number | null;

const NO_ORDER_CONTEXT: OrderContext = { suning: new Map(), lastQuery: new Map() };

/** Column values as stored: invoice_date '' means unknown. */
function dbValue(field: Field, v: InvoiceInput[Field]): SqlParam {
  if (field === 'invoiceDate') return (v as string | null) ?? '';
  return v as SqlParam;
}

function display(field: Field, v: unknown): string {
  if (v === null || v === undefined) return '';
  if ((field === 'amountFen' || field === 'taxAmountFen') && typeof v === 'number') return formatFen(v);
  return String(v);
}

interface Clause {
  /** The one column it restricts, or null for a clause over several (search). */
  readonly col: string | null;
  readonly sql: string;
  readonly params: readonly SqlParam[];
  /** For an OR over several columns (search): one clause per column; a row matches if it matches any. */
  readonly branches?: readonly Clause[];
  /** For `col IN (…)` on a status column: the values, so the count can be taken from the other side. */
  readonly inValues?: readonly string[];
}

interface Where {
  readonly clauses: readonly Clause[];
  readonly sql: string;
  readonly params: SqlParam[];
  /** Whether any filter narrows the rows. */
  readonly narrowed: boolean;
}

function joinClauses(clauses: readonly Clause[]): { sql: string; params: SqlParam[] } {
  return {
    sql: clauses.length > 0 ? `WHERE ${clauses.map((c) => c.sql).join(' AND ')}` : '',
    params: clauses.flatMap((c) => c.params),
  };
}

function buildWhere(filter: InvoiceFilter): Where {
  const clauses: Clause[] = [];
  if (filter.reconStatus && filter.reconStatus.length > 0) {
    clauses.push({ col: 'recon_status', sql: `recon_status IN (${filter.reconStatus.map(() => '?').join(',')})`, params: filter.reconStatus, inValues: filter.reconStatus });
  }
  if (filter.submitState && filter.submitState.length > 0) {
    clauses.push({ col: 'submit_state', sql: `submit_state IN (${filter.submitState.map(() => '?').join(',')})`, params: filter.submitState, inValues: filter.submitState });
  }
  if (filter.dateFrom) clauses.push({ col: 'invoice_date', sql: 'invoice_date >= ?', params: [filter.dateFrom] });
  if (filter.dateTo) {
    // '' (unknown date) sorts first; a range with a lower bound keeps it out and stays index-friendly.
    clauses.push({ col: 'invoice_date', sql: "invoice_date > '' AND invoice_date <= ?", params: [filter.dateTo] });
  }
  if (filter.shop !== undefined && filter.shop !== '') clauses.push({ col: 'shop', sql: 'shop = ?', params: [filter.shop] });
  if (filter.queryFailed) clauses.push({ col: 'query_failed_at', sql: 'query_failed_at IS NOT NULL', params: [] });
  const search = filter.search?.trim();
  if (search) {
    // Exact or prefix on each identifier, as ranges so each side uses its own index (SQLite's OR optimisation).
    const hi = search + PREFIX_END;
    const branches = ['invoice_no', 'order_no', 'invoice_num'].map((c): Clause => ({ col: c, sql: `(${c} >= ? AND ${c} < ?)`, params: [search, hi] }));
    clauses.push({
      col: null,
      sql: `(${branches.map((b) => b.sql).join(' OR ')})`,
      params: branches.flatMap((b) => b.params),
      branches,
    });
  }
  return { clauses, ...joinClauses(clauses), narrowed: clauses.length > 0 };
}

function sortValue(row: InvoiceDbRow, field: InvoiceSort['field']): string | number {
  const col = SORT_COLUMN[field] as keyof InvoiceDbRow;
  const v = row[col];
  return typeof v === 'number' ? v : String(v ?? '');
}

function parseCursor(cursor: string, sort: InvoiceSort): { value: string | number; id: number } {
  const [field, dir, value, id] = decodeCursor(cursor);
  if (field !== sort.field || dir !== sort.dir || typeof id !== 'number' || !Number.isSafeInteger(id)) throw badCursor();
  if (NUMERIC_SORT.has(sort.field) ? typeof value !== 'number' : typeof value !== 'string') throw badCursor();
  return { value: value as string | number, id };
}

export interface InvoicesRepoOptions {
  /** Rows a page may walk along the sort index before sorting the filter's matches instead (tests vary it). */
  readonly walkBudget?: number;
  /** Rows with other values a status count probes before counting the matches in full (tests vary it). */
  readonly countProbe?: number;
}

/** SQLite's BINARY order of text (UTF-8 bytes), which differs from JS string order beyond the BMP. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * `col IN (values)` turned inside out: the ranges of the index between and around the values, as clauses that
 * together match exactly the rows with any other value (the status columns are NOT NULL).
 */
function complementRanges(col: string, values: readonly string[]): Clause[] {
  const sorted = [...new Set(values)].sort(byteOrder);
  const out: Clause[] = [];
  sorted.forEach((v, i) => {
    const prev = sorted[i - 1];
    out.push(prev === undefined
      ? { col, sql: `${col} < ?`, params: [v] }
      : { col, sql: `(${col} > ? AND ${col} < ?)`, params: [prev, v] });
  });
  const last = sorted[sorted.length - 1];
  if (last !== undefined) out.push({ col, sql: `${col} > ?`, params: [last] });
  return out;
}

export function invoicesRepo(db: Db, options: InvoicesRepoOptions = {}) {
  const walkBudget = Math.max(0, Math.floor(options.walkBudget ?? WALK_BUDGET));
  const countProbe = Math.max(0, Math.floor(options.countProbe ?? COUNT_PROBE));
  const selByNo = db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE invoice_no = ?`);
  const selById = db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = ?`);
  const insertStatement = (rows: number) => db.prepare(`INSERT INTO invoices (invoice_no, ${FIELDS.map((f) => FIELD_COLUMN[f]).join(', ')},
    source, created_at, updated_at, ${DERIVED_COLUMNS.join(', ')})
    VALUES ${Array.from({ length: rows }, () => `(${Array.from({ length: FIELDS.length + 4 + DERIVED_COLUMNS.length }, () => '?').join(', ')})`).join(', ')}
    RETURNING id`).pluck();
  const insertBatch = insertStatement(INSERT_BATCH);
  // Raw rows [id, invoice_no, ...FIELDS]: cheaper than objects when a re-import compares 100k rows.
  const selManyByNo = db.prepare(`SELECT id, invoice_no, ${FIELDS.map((f) => FIELD_COLUMN[f]).join(', ')}
    FROM invoices WHERE invoice_no IN (SELECT value FROM json_each(?))`).raw();
  const countAll = db.prepare('SELECT COUNT(*) FROM invoices').pluck();
  const anySuningData = db.prepare('SELECT 1 WHERE EXISTS (SELECT 1 FROM suning_invoices) OR EXISTS (SELECT 1 FROM suning_queries)').pluck();

  /** Drops the non-unique indexes of `invoices` and returns the SQL that re-creates them. */
  function dropSecondaryIndexes(): string[] {
    const idx = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'invoices' AND sql IS NOT NULL")
      .all() as { name: string; sql: string }[];
    for (const i of idx) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
    return idx.map((i) => i.sql);
  }

  /** Sets temp_store and returns the value to restore, or null when SQLite refused the change. */
  function switchTempStore(to: number): number | null {
    const before = db.pragma('temp_store', { simple: true }) as number;
    if (before === to) return null;
    try {
      db.pragma(`temp_store = ${to}`);
      return before;
    } catch {
      return null;
    }
  }

  /** Existing rows for these invoice numbers, fetched in a few set queries instead of one lookup per row. */
  function prefetch(invoiceNos: readonly string[]): Map<string, readonly unknown[]> {
    const out = new Map<string, readonly unknown[]>();
    for (const part of chunk(invoiceNos, 5000)) {
      for (const r of selManyByNo.all(JSON.stringify(part)) as unknown[][]) out.set(r[1] as string, r);
    }
    return out;
  }

  function getById(id: number): InvoiceRow | null {
    const r = selById.get(id) as InvoiceDbRow | undefined;
    return r ? toInvoiceRow(r) : null;
  }

  function getByInvoiceNo(invoiceNo: string): InvoiceRow | null {
    const r = selByNo.get(invoiceNo) as InvoiceDbRow | undefined;
    return r ? toInvoiceRow(r) : null;
  }

  function diff(existing: InvoiceDbRow, next: Partial<InvoiceInput>): { field: Field; before: SqlParam; after: SqlParam }[] {
    const out: { field: Field; before: SqlParam; after: SqlParam }[] = [];
    for (const f of FIELDS) {
      if (!(f in next) || next[f] === undefined) continue;
      const before = existing[FIELD_COLUMN[f] as keyof InvoiceDbRow] as SqlParam;
      const after = dbValue(f, next[f]);
      if (before !== after) out.push({ field: f, before, after });
    }
    return out;
  }

  function applyChanges(id: number, changes: readonly { field: Field; after: SqlParam }[], source: string | null, at: string): void {
    const sets = changes.map((c) => `${FIELD_COLUMN[c.field]} = ?`);
    const params: SqlParam[] = changes.map((c) => c.after);
    if (source !== null) {
      sets.push('source = ?');
      params.push(source);
    }
    sets.push('updated_at = ?');
    params.push(at, id);
    // The column list comes from FIELD_COLUMN, never from input.
    db.prepare(`UPDATE invoices SET ${sets.join(', ')} WHERE id = ?`).run(...params);
  }

  /**
   * Inserts new invoices and updates changed ones in ONE transaction. A row equal field-by-field to the stored
   * one is left alone (its updated_at does not move), so re-importing a file changes nothing.
   * Invoice numbers must be unique within `records` (the importer reports duplicates before calling this).
   */
  function upsertMany(records: readonly InvoiceInput[], source: string, options: UpsertOptions = {}): UpsertResult {
    const keep = options.keep;
    let unchanged = 0;
    const changes: InvoiceChange[] = [];
    const updatedIds: number[] = [];
    const insertedIds: number[] = [];
    db.transaction(() => {
      const at = nowIso();
      // An empty table (first import) has nothing to compare against.
      const existingByNo = (countAll.get() as number) === 0 ? new Map<string, readonly unknown[]>() : prefetch(records.map((r) => r.invoiceNo));
      const fresh: InvoiceInput[] = [];
      const seen = new Set<string>();
      for (const rec of records) {
        if (seen.has(rec.invoiceNo)) {
          throw new AppError('conflict', {
            zh: `发票编号 ${rec.invoiceNo} 在同一批数据中出现了多次`,
            en: `Invoice number ${rec.invoiceNo} appears more than once in one batch`,
          }, { invoiceNo: rec.invoiceNo });
        }
        seen.add(rec.invoiceNo);
        const existing = existingByNo.get(rec.invoiceNo);
        if (!existing) {
          fresh.push(rec);
          continue;
        }
        const d: { field: Field; before: SqlParam; after: SqlParam }[] = [];
        const kept = keep?.get(rec.invoiceNo);
        FIELDS.forEach((f, k) => {
          if (kept?.has(f)) return;
          const before = existing[k + 2] as SqlParam;
          const after = dbValue(f, rec[f]);
          if (before !== after) d.push({ field: f, before, after });
        });
        if (d.length === 0) {
          unchanged++;
          continue;
        }
        const id = existing[0] as number;
        applyChanges(id, d, source, at);
        updatedIds.push(id);
        changes.push({
          invoiceNo: rec.invoiceNo,
          fields: d.map((c) => ({ field: c.field, before: display(c.field, c.before), after: display(c.field, c.after) })),
        });
      }
      insertedIds.push(...insertFresh(fresh, source, at));
      refreshDerived(db, updatedIds);
    })();
    return { inserted: insertedIds.length, updated: updatedIds.length, unchanged, changes, touchedIds: [...insertedIds, ...updatedIds] };
  }

  /** Inserts new rows with their derived columns computed up front, many rows per statement. */
  function insertFresh(fresh: readonly InvoiceInput[], source: string, at: string): number[] {
    if (fresh.length === 0) return [];
    // Building secondary indexes once after a large insert is several times faster than growing them
    // row by row; DDL is transactional in SQLite, so a failure still leaves the old indexes in place.
    const rebuild = fresh.length >= BULK_MIN && fresh.length >= (countAll.get() as number) ? dropSecondaryIndexes() : null;
    // A bulk insert keeps its pages in memory until the indexes are rebuilt, then gives the memory back.
    if (rebuild) db.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    // CREATE INDEX sorts about a quarter faster with temp_store FILE than MEMORY (its sorts of 100,000 keys
    // still fit in the page cache, so nothing is written). SQLite refuses the switch inside a transaction only
    // once temporary tables exist; then the rebuild simply runs with MEMORY. When it succeeds, the rebuild
    // creates no temporary tables, so switching back succeeds too.
    const tempStore = rebuild ? switchTempStore(TEMP_STORE_FILE) : null;
    const ids: number[] = [];
    try {
      // Nothing queried yet (a first import): looking up 100,000 orders' Suning answers would find none.
      const ctx = anySuningData.get() === undefined ? NO_ORDER_CONTEXT : loadOrderContext(db, fresh.map((r) => r.orderNo));
      for (let from = 0; from < fresh.length; from += INSERT_BATCH) {
        const to = Math.min(fresh.length, from + INSERT_BATCH);
        const params: SqlParam[] = [];
        for (let k = from; k < to; k++) {
          const rec = fresh[k] as InvoiceInput;
          params.push(rec.invoiceNo);
          for (const f of FIELDS) params.push(dbValue(f, rec[f]));
          params.push(source, at, at);
          for (const v of deriveOne({ ...rec, id: 0, source, updatedAt: at }, ctx, null)) params.push(v);
        }
        const stmt = to - from === INSERT_BATCH ? insertBatch : insertStatement(to - from);
        for (const id of stmt.all(...params) as number[]) ids.push(id);
      }
      if (rebuild) for (const ddl of rebuild) db.exec(ddl);
    } finally {
      if (tempStore !== null) db.pragma(`temp_store = ${tempStore}`);
      if (rebuild) db.pragma(`cache_size = -${DEFAULT_CACHE_KIB}`);
    }
    return ids;
  }

  /**
   * Changes some fields of one invoice; updated_at moves only on a real change. Throws not_found.
   * `deferRefresh`: a batch of updates (bulk 采用苏宁结果, its undo) refreshes the derived columns once for all
   * its ids afterwards, in the same transaction; the row returned then still has the old derived values.
   */
  function update(id: number, patch: InvoicePatch, options: { readonly deferRefresh?: boolean } = {}): { row: InvoiceRow; fields: FieldChange[] } {
    return db.transaction(() => {
      const existing = selById.get(id) as InvoiceDbRow | undefined;
      if (!existing) {
        throw new AppError('not_found', { zh: `发票记录 ${id} 不存在`, en: `Invoice record ${id} does not exist` }, { id });
      }
      const d = diff(existing, patch);
      if (d.length > 0) {
        applyChanges(id, d, null, nowIso());
        if (options.deferRefresh !== true) refreshDerived(db, [id]);
      }
      const row = getById(id);
      if (!row) throw new Error('invoice vanished inside its own transaction');
      return { row, fields: d.map((c) => ({ field: c.field, before: display(c.field, c.before), after: display(c.field, c.after) })) };
    })();
  }

  function count(filter: InvoiceFilter): number {
    const w = buildWhere(filter);
    if (w.sql === '') return countAll.get() as number;
    const only = w.clauses.length === 1 ? w.clauses[0] : undefined;
    if (only?.col && only.inValues) return countStatus(only, only.col, only.inValues);
    const search = w.clauses.find((c) => c.branches !== undefined);
    if (!search?.branches) return countWhere(w.clauses);
    // Per searched column, leaving out rows an earlier column already counted: each part is a range of its
    // own index (covering when the search is the only filter), instead of collecting every match's rowid.
    const others = w.clauses.filter((c) => c !== search);
    let n = 0;
    search.branches.forEach((b, i) => {
      const earlier = search.branches?.slice(0, i).map((e): Clause => ({ col: e.col, sql: `NOT ${e.sql}`, params: e.params })) ?? [];
      n += countWhere([...others, b, ...earlier]);
    });
    return n;
  }

  /**
   * Plans, chosen per page because SQLite cannot know how a filter correlates with the sort order:
   * - range: every condition is on the sort column itself — its index range, in order, is the answer;
   * - walk: follow the sort column's index and keep matching rows — cheap when matches are common, but a
   *   filter clustered far along the sort order (a date range sorted by invoice number, which embeds the date)
   *   would scan most of the table, so the walk gets a budget of `walkBudget` rows and gives up beyond it;
   * - filter: let SQLite use the filter's indexes and sort the matches' ids, then read only the page's rows —
   *   cheap when they are few, or when a (filter, sort) index holds the sort keys (COVERED_SORTS).
   * A search (an OR over three identifier columns) is planned per column and the pages merged: the column
   * being sorted on is then a plain range (a prefix search of invoice numbers in invoice-number order), and
   * the others are usually empty or tiny.
   */
  function page(filter: InvoiceFilter, sort: InvoiceSort, limit: number, cursor: string | null | undefined, total: number | null): { rows: InvoiceRow[]; nextCursor: string | null } {
    const col = SORT_COLUMN[sort.field];
    const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
    const keyset: Clause[] = [];
    if (cursor) {
      const cur = parseCursor(cursor, sort);
      keyset.push({ col, sql: `(${col}, id) ${sort.dir === 'asc' ? '>' : '<'} (?, ?)`, params: [cur.value, cur.id] });
    }
    const order = `ORDER BY ${col} ${dir}, id ${dir}`;
    const w = buildWhere(filter);

    /** The first limit + 1 rows matching every clause, in order; `matches` is their count when known. */
    const pageRows = (clauses: readonly Clause[], matches: number | null): InvoiceDbRow[] => {
      const inner = joinClauses([...keyset, ...clauses.filter((c) => c.col === col)]);
      const off = clauses.filter((c) => c.col !== col);
      if (off.length === 0) {
        return db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices ${inner.sql} ${order} LIMIT ?`).all(...inner.params, limit + 1) as InvoiceDbRow[];
      }
      const covered = off.every((c) => c.col !== null && (COVERED_SORTS[c.col] ?? []).includes(col));
      const n = matches ?? countWhere(clauses);
      if (n === 0) return [];
      if (!(covered && n <= FILTER_FIRST_MAX) && walkBudget > 0 && (limit + 1) * ((countAll.get() as number) / n) * 2 <= walkBudget) {
        // Conditions on the sort column itself narrow the walk's range; the others filter what it meets.
        const outer = joinClauses(off);
        const walked = db.prepare(`SELECT * FROM (SELECT ${INVOICE_COLUMNS} FROM invoices ${inner.sql} ${order} LIMIT ${walkBudget})
          ${outer.sql} ${order} LIMIT ?`).all(...inner.params, ...outer.params, limit + 1) as InvoiceDbRow[];
        // A short page is complete only if the budget reached the end of the range.
        const exhausted = walked.length <= limit
          && db.prepare(`SELECT 1 FROM invoices ${inner.sql} ${order} LIMIT 1 OFFSET ${walkBudget}`).get(...inner.params) !== undefined;
        if (!exhausted) return walked;
      }
      // +col stops SQLite from walking the sort index; it uses the filter's indexes and sorts the matches' ids.
      const all = joinClauses([...keyset, ...clauses]);
      return db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id IN (
          SELECT id FROM invoices ${all.sql} ORDER BY +${col} ${dir}, id ${dir} LIMIT ?)
        ORDER BY +${col} ${dir}, id ${dir}`).all(...all.params, limit + 1) as InvoiceDbRow[];
    };

    let rows: InvoiceDbRow[];
    const search = w.clauses.find((c) => c.branches !== undefined);
    if (!w.narrowed) rows = pageRows([], null);
    else if (!search?.branches) rows = pageRows(w.clauses, total);
    else {
      const others = w.clauses.filter((c) => c !== search);
      const ids = new Set<number>();
      for (const b of search.branches) for (const r of pageRows([...others, b], null)) ids.add(r.id);
      // The first limit + 1 of the union, in SQL's own order (collation included).
      rows = ids.size === 0 ? [] : db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id IN (SELECT value FROM json_each(?))
        ORDER BY +${col} ${dir}, id ${dir} LIMIT ?`).all(JSON.stringify([...ids]), limit + 1) as InvoiceDbRow[];
    }
    const more = rows.length > limit;
    const pageRows2 = more ? rows.slice(0, limit) : rows;
    const last = pageRows2[pageRows2.length - 1];
    const nextCursor = more && last ? encodeCursor([sort.field, sort.dir, sortValue(last, sort.field), last.id]) : null;
    return { rows: pageRows2.map(toInvoiceRow), nextCursor };
  }

  function countWhere(clauses: readonly Clause[]): number {
    const w = joinClauses(clauses);
    return db.prepare(`SELECT COUNT(*) FROM invoices ${w.sql}`).pluck().get(...w.params) as number;
  }

  /** Rows matching one clause, counted up to `cap` (the index is stepped no further). */
  function countCapped(clause: Clause, cap: number): number {
    return db.prepare(`SELECT COUNT(*) FROM (SELECT 1 FROM invoices WHERE ${clause.sql} LIMIT ?)`).pluck()
      .get(...clause.params, cap) as number;
  }

  /**
   * A count costs one step per matching index entry. When the rows with any other value are few (under the
   * probe), the table minus them is the cheaper count; otherwise the probe's steps are all it wasted.
   */
  function countStatus(clause: Clause, col: string, values: readonly string[]): number {
    let others = 0;
    for (const range of complementRanges(col, values)) {
      if (others >= countProbe) break;
      others += countCapped(range, countProbe - others);
    }
    if (others < countProbe) return (countAll.get() as number) - others;
    return countWhere([clause]);
  }

  /** One page of the listing plus the filter's total. */
  function list(filter: InvoiceFilter, sort: InvoiceSort, limit: number, cursor?: string | null): ListPage {
    const total = count(filter);
    const p = page(filter, sort, limit, cursor, buildWhere(filter).narrowed ? total : null);
    return { ...p, total };
  }

  /** Totals per status for the filter bar (status filters do not apply: the counts are the choices). */
  function counts(filter: Omit<InvoiceFilter, 'reconStatus' | 'submitState'>): InvoiceCounts {
    const w = buildWhere({ ...filter, reconStatus: undefined, submitState: undefined });
    const byRecon = Object.fromEntries(RECON_STATUSES.map((s) => [s, 0])) as Record<ReconStatus, number>;
    const bySubmit = Object.fromEntries(SUBMIT_STATES.map((s) => [s, 0])) as Record<SubmitState, number>;
    let total = 0;
    const recon = db.prepare(`SELECT recon_status AS k, COUNT(*) AS n FROM invoices ${w.sql} GROUP BY recon_status`).all(...w.params) as { k: string; n: number }[];
    for (const r of recon) {
      if (r.k in byRecon) byRecon[r.k as ReconStatus] = r.n;
      total += r.n;
    }
    const submit = db.prepare(`SELECT submit_state AS k, COUNT(*) AS n FROM invoices ${w.sql} GROUP BY submit_state`).all(...w.params) as { k: string; n: number }[];
    for (const r of submit) if (r.k in bySubmit) bySubmit[r.k as SubmitState] = r.n;
    // Like the status counts, the flag's count ignores its own filter: it is a choice.
    const fw = buildWhere({ ...filter, reconStatus: undefined, submitState: undefined, queryFailed: true });
    const queryFailed = db.prepare(`SELECT COUNT(*) FROM invoices ${fw.sql}`).pluck().get(...fw.params) as number;
    const shops = db.prepare("SELECT DISTINCT shop FROM invoices WHERE shop <> '' ORDER BY shop").pluck().all() as string[];
    return { total, byRecon, bySubmit, queryFailed, shops };
  }

  /** Ids a selection names, ascending; ids that do not exist are left out. */
  function idsForSelection(selection: Selection): number[] {
    switch (selection.kind) {
      case 'ids':
        return db.prepare('SELECT id FROM invoices WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id')
          .pluck().all(JSON.stringify(selection.ids)) as number[];
      case 'filter': {
        const w = buildWhere(selection.filter);
        return db.prepare(`SELECT id FROM invoices ${w.sql} ORDER BY id`).pluck().all(...w.params) as number[];
      }
      default: {
        const never: never = selection;
        throw new Error(`unknown selection ${String(never)}`);
      }
    }
  }

  /** Every matching row in order, in batches, so an export of 100k rows never holds them all. */
  function* iterate(filter: InvoiceFilter, sort: InvoiceSort, batchSize = 1000): Generator<InvoiceRow[], void, undefined> {
    const total = buildWhere(filter).narrowed ? count(filter) : null;
    let cursor: string | null = null;
    for (;;) {
      const p = page(filter, sort, batchSize, cursor, total);
      if (p.rows.length > 0) yield p.rows;
      if (!p.nextCursor) return;
      cursor = p.nextCursor;
    }
  }

  function listByOrderNo(orderNo: string): InvoiceRow[] {
    return (db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE order_no = ? ORDER BY id`).all(orderNo) as InvoiceDbRow[]).map(toInvoiceRow);
  }

  function getMany(ids: readonly number[]): InvoiceRow[] {
    return (db.prepare(`SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
      .all(JSON.stringify(ids)) as InvoiceDbRow[]).map(toInvoiceRow);
  }

  return { upsertMany, getById, getByInvoiceNo, getMany, listByOrderNo, update, list, count, counts, idsForSelection, iterate };
}

export type InvoicesRepo = ReturnType<typeof invoicesRepo>;
