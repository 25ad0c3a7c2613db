// Main process. Invoices, part 2 of 3: the paging and count engine behind `invoices:list` / `invoices:counts`,
// selections and the export's iteration — keyset pages, a plan chosen per page, counts that probe first.
import { FILE_VERDICTS, type FileVerdict } from '../../../shared/domain/einvoice-file';
import {
  RECON_STATUSES, SUBMIT_STATES, type InvoiceRow, type ReconStatus, type SubmitState,
} from '../../../shared/domain/invoice';
import { filterRangeProblem, type InvoiceFilter, type InvoiceSort, type Selection } from '../../../shared/api/schemas';
import { AppError } from '../../../shared/errors';
import { DIFF_UNKNOWN } from '../migrations/008_amount_diff';
import type { Db } from '../open';
import { INVOICE_COLUMNS, toInvoiceRow, type InvoiceDbRow } from '../rows';
import { badCursor, decodeCursor, encodeCursor } from '../util';
import type { SqlParam } from './invoice-fields';

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
  /** Per archived-file verdict (issue 15); like the status counts, its own filter does not apply. */
  readonly byFileVerdict: Record<FileVerdict, number>;
}

const SORT_COLUMN: Readonly<Record<Exclude<InvoiceSort['field'], 'amountDiff'>, string>> = {
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
const NUMERIC_SORT = new Set<InvoiceSort['field']>(['amountFen', 'amountDiff']);

/**
 * The column a sort walks. 差额 has one key per direction (migration 008), so that rows without a Suning amount
 * come last both ways; every other field is its own column.
 */
function sortColumn(sort: InvoiceSort): string {
  if (sort.field === 'amountDiff') return sort.dir === 'asc' ? 'diff_asc' : 'diff_desc';
  return SORT_COLUMN[sort.field];
}

/** What the page queries read: the row, plus the 差额 keys a walk filters on and a cursor is made of. */
const QUERY_COLUMNS = `${INVOICE_COLUMNS}, diff_asc, diff_desc`;
type QueryDbRow = InvoiceDbRow & { readonly diff_asc: number; readonly diff_desc: number };

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
  if (filter.fileVerdict && filter.fileVerdict.length > 0) {
    clauses.push({ col: 'file_verdict', sql: `file_verdict IN (${filter.fileVerdict.map(() => '?').join(',')})`, params: filter.fileVerdict, inValues: filter.fileVerdict });
  }
  if (filter.dateFrom) clauses.push({ col: 'invoice_date', sql: 'invoice_date >= ?', params: [filter.dateFrom] });
  if (filter.dateTo) {
    // '' (unknown date) sorts first; a range with a lower bound keeps it out and stays index-friendly.
    clauses.push({ col: 'invoice_date', sql: "invoice_date > '' AND invoice_date <= ?", params: [filter.dateTo] });
  }
  if (filter.shop !== undefined && filter.shop !== '') clauses.push({ col: 'shop', sql: 'shop = ?', params: [filter.shop] });
  if (filter.queryFailed) clauses.push({ col: 'query_failed_at', sql: 'query_failed_at IS NOT NULL', params: [] });
  const range = filterRangeProblem(filter);
  if (range) throw new AppError('validation', { zh: range.zh, en: range.en }, { field: range.field });
  if (filter.amountMinFen !== undefined) clauses.push({ col: 'amount_fen', sql: 'amount_fen >= ?', params: [filter.amountMinFen] });
  if (filter.amountMaxFen !== undefined) clauses.push({ col: 'amount_fen', sql: 'amount_fen <= ?', params: [filter.amountMaxFen] });
  // On diff_asc, where "no Suning amount" is DIFF_UNKNOWN: each clause is a range (or two) of its index.
  switch (filter.amountDiff) {
    case 'nonzero': clauses.push({ col: 'diff_asc', sql: '(diff_asc < 0 OR (diff_asc > 0 AND diff_asc < ?))', params: [DIFF_UNKNOWN] }); break;
    case 'zero': clauses.push({ col: 'diff_asc', sql: 'diff_asc = 0', params: [] }); break;
    case 'unknown': clauses.push({ col: 'diff_asc', sql: 'diff_asc = ?', params: [DIFF_UNKNOWN] }); break;
    case undefined: break;
  }
  // The bounds are safe integers (the schema), far below DIFF_UNKNOWN: an upper bound leaves the unknowns out by
  // itself, a lower bound alone must say so.
  if (filter.diffMinFen !== undefined) clauses.push({ col: 'diff_asc', sql: '(diff_asc >= ? AND diff_asc < ?)', params: [filter.diffMinFen, DIFF_UNKNOWN] });
  if (filter.diffMaxFen !== undefined) clauses.push({ col: 'diff_asc', sql: 'diff_asc <= ?', params: [filter.diffMaxFen] });
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

/** The WHERE of a filter (validated: a bad range is an AppError), for the other queries over the same rows. */
export function filterWhere(filter: InvoiceFilter): { sql: string; params: SqlParam[]; clauses: readonly { readonly col: string | null }[] } {
  const w = buildWhere(filter);
  return { sql: w.sql, params: w.params, clauses: w.clauses };
}

function sortValue(row: QueryDbRow, sort: InvoiceSort): string | number {
  const v = row[sortColumn(sort) as keyof QueryDbRow];
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

export function invoiceQueries(db: Db, options: InvoicesRepoOptions = {}) {
  const walkBudget = Math.max(0, Math.floor(options.walkBudget ?? WALK_BUDGET));
  const countProbe = Math.max(0, Math.floor(options.countProbe ?? COUNT_PROBE));
  const countAll = db.prepare('SELECT COUNT(*) FROM invoices').pluck();

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
    const col = sortColumn(sort);
    const dir = sort.dir === 'asc' ? 'ASC' : 'DESC';
    const keyset: Clause[] = [];
    if (cursor) {
      const cur = parseCursor(cursor, sort);
      keyset.push({ col, sql: `(${col}, id) ${sort.dir === 'asc' ? '>' : '<'} (?, ?)`, params: [cur.value, cur.id] });
    }
    const order = `ORDER BY ${col} ${dir}, id ${dir}`;
    const w = buildWhere(filter);

    /** The first limit + 1 rows matching every clause, in order; `matches` is their count when known. */
    const pageRows = (clauses: readonly Clause[], matches: number | null): QueryDbRow[] => {
      const inner = joinClauses([...keyset, ...clauses.filter((c) => c.col === col)]);
      const off = clauses.filter((c) => c.col !== col);
      if (off.length === 0) {
        return db.prepare(`SELECT ${QUERY_COLUMNS} FROM invoices ${inner.sql} ${order} LIMIT ?`).all(...inner.params, limit + 1) as QueryDbRow[];
      }
      const covered = off.every((c) => c.col !== null && (COVERED_SORTS[c.col] ?? []).includes(col));
      const n = matches ?? countWhere(clauses);
      if (n === 0) return [];
      if (!(covered && n <= FILTER_FIRST_MAX) && walkBudget > 0 && (limit + 1) * ((countAll.get() as number) / n) * 2 <= walkBudget) {
        // Conditions on the sort column itself narrow the walk's range; the others filter what it meets.
        const outer = joinClauses(off);
        const walked = db.prepare(`SELECT * FROM (SELECT ${QUERY_COLUMNS} FROM invoices ${inner.sql} ${order} LIMIT ${walkBudget})
          ${outer.sql} ${order} LIMIT ?`).all(...inner.params, ...outer.params, limit + 1) as QueryDbRow[];
        // A short page is complete only if the budget reached the end of the range.
        const exhausted = walked.length <= limit
          && db.prepare(`SELECT 1 FROM invoices ${inner.sql} ${order} LIMIT 1 OFFSET ${walkBudget}`).get(...inner.params) !== undefined;
        if (!exhausted) return walked;
      }
      // +col stops SQLite from walking the sort index; it uses the filter's indexes and sorts the matches' ids.
      const all = joinClauses([...keyset, ...clauses]);
      return db.prepare(`SELECT ${QUERY_COLUMNS} FROM invoices WHERE id IN (
          SELECT id FROM invoices ${all.sql} ORDER BY +${col} ${dir}, id ${dir} LIMIT ?)
        ORDER BY +${col} ${dir}, id ${dir}`).all(...all.params, limit + 1) as QueryDbRow[];
    };

    let rows: QueryDbRow[];
    const search = w.clauses.find((c) => c.branches !== undefined);
    if (!w.narrowed) rows = pageRows([], null);
    else if (!search?.branches) rows = pageRows(w.clauses, total);
    else {
      const others = w.clauses.filter((c) => c !== search);
      const ids = new Set<number>();
      for (const b of search.branches) for (const r of pageRows([...others, b], null)) ids.add(r.id);
      // The first limit + 1 of the union, in SQL's own order (collation included).
      rows = ids.size === 0 ? [] : db.prepare(`SELECT ${QUERY_COLUMNS} FROM invoices WHERE id IN (SELECT value FROM json_each(?))
        ORDER BY +${col} ${dir}, id ${dir} LIMIT ?`).all(JSON.stringify([...ids]), limit + 1) as QueryDbRow[];
    }
    const more = rows.length > limit;
    const pageRows2 = more ? rows.slice(0, limit) : rows;
    const last = pageRows2[pageRows2.length - 1];
    const nextCursor = more && last ? encodeCursor([sort.field, sort.dir, sortValue(last, sort), last.id]) : null;
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
    const vw = buildWhere({ ...filter, reconStatus: undefined, submitState: undefined, fileVerdict: undefined });
    const byFileVerdict = Object.fromEntries(FILE_VERDICTS.map((v) => [v, 0])) as Record<FileVerdict, number>;
    for (const r of db.prepare(`SELECT file_verdict AS k, COUNT(*) AS n FROM invoices ${vw.sql} GROUP BY file_verdict`).all(...vw.params) as { k: string; n: number }[]) {
      if (r.k in byFileVerdict) byFileVerdict[r.k as FileVerdict] = r.n;
    }
    return { total, byRecon, bySubmit, queryFailed, shops, byFileVerdict };
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

  return { list, count, counts, idsForSelection, iterate };
}
