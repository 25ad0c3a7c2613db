// Main process. Invoices, part 1 of 3: the bulk import writes — an idempotent upsert with a field-level diff, many
// rows per INSERT, secondary indexes rebuilt once after a large first import.
import { AppError } from '../../../shared/errors';
import { BULK_CACHE_KIB, DEFAULT_CACHE_KIB, type Db } from '../open';
import { DERIVED_COLUMNS, deriveOne, loadOrderContext, refreshDerived, type OrderContext } from '../derived';
import { chunk, nowIso } from '../util';
import {
  FIELDS, FIELD_COLUMN, applyChanges, dbValue, display, type Field, type InvoiceChange, type InvoiceInput, type SqlParam, type UpsertOptions, type UpsertResult,
} from './invoice-fields';

/** Inserts at least this large (and at least as large as the table) rebuild the secondary indexes afterwards. */
const BULK_MIN = 5_000;
const INSERT_BATCH = 100;
/** PRAGMA temp_store value for temporary files (0 default, 1 file, 2 memory). */
const TEMP_STORE_FILE = 1;

const NO_ORDER_CONTEXT: OrderContext = { suning: new Map(), lastQuery: new Map() };

export function invoiceImportWrites(db: Db) {
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
        applyChanges(db, id, d, source, at);
        updatedIds.push(id);
        changes.push({
          invoiceNo: rec.invoiceNo,
          fields: d.map((c) => ({ field: c.field, before: display(c.field, c.before), after: display(c.field, c.after) })),
        });
      }
      // Not push(...ids): 600,000 ids as one call's arguments overflow the stack.
      for (const id of insertFresh(fresh, source, at)) insertedIds.push(id);
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

  return { upsertMany };
}
