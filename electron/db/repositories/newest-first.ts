// Main process. The one page query behind every history list (submissions, Suning queries, audit log): newest
// first by id, filtered by conditions, keyset-paged with an opaque cursor holding the last id shown.
import type { Db } from '../open';
import { encodeCursor, idPageCursor } from '../util';

/** One SQL condition and its parameters; null when the filter is not in use. */
export type Condition = { readonly sql: string; readonly params: readonly (string | number)[] } | null;

/** Exact or prefix match that stays an index range (no LIKE, so no escaping and no full scan). */
export function prefixOf(column: string, search: string | undefined): Condition {
  const s = search?.trim();
  return s ? { sql: `${column} >= ? AND ${column} < ?`, params: [s, s + String.fromCodePoint(0x10ffff)] } : null;
}

export function equalTo(column: string, value: string | undefined): Condition {
  return value ? { sql: `${column} = ?`, params: [value] } : null;
}

export function oneOf(column: string, values: readonly string[] | undefined): Condition {
  return values && values.length > 0 ? { sql: `${column} IN (${values.map(() => '?').join(',')})`, params: values } : null;
}

/** column within [from, to) (ISO strings compare in time order); either bound may be absent. */
export function between(column: string, from: string | undefined, to: string | undefined): Condition {
  const parts = [from === undefined ? null : `${column} >= ?`, to === undefined ? null : `${column} < ?`].filter((p) => p !== null);
  return parts.length === 0 ? null : { sql: parts.join(' AND '), params: [from, to].filter((p) => p !== undefined) };
}

/** How many rows match in all (for "共 N 条", which must not be the count of rows loaded so far). */
export function countWhere(db: Db, table: string, conditions: readonly Condition[]): number {
  const used = conditions.filter((c) => c !== null);
  const where = used.length > 0 ? `WHERE ${used.map((c) => c.sql).join(' AND ')}` : '';
  return db.prepare(`SELECT COUNT(*) FROM ${table} ${where}`).pluck().get(...used.flatMap((c) => c.params)) as number;
}

export function newestFirstPage<DbRow extends { readonly id: number }, Row>(
  db: Db,
  table: string,
  conditions: readonly Condition[],
  page: { readonly cursor?: string | null; readonly limit: number },
  toRow: (r: DbRow) => Row,
): { rows: Row[]; nextCursor: string | null } {
  const before = idPageCursor(page.cursor);
  const used = [before === null ? null : { sql: 'id < ?', params: [before] }, ...conditions].filter((c) => c !== null);
  const where = used.length > 0 ? `WHERE ${used.map((c) => c.sql).join(' AND ')}` : '';
  const params = used.flatMap((c) => c.params);
  const found = db.prepare(`SELECT * FROM ${table} ${where} ORDER BY id DESC LIMIT ?`).all(...params, page.limit + 1) as DbRow[];
  const shown = found.length > page.limit ? found.slice(0, page.limit) : found;
  const last = shown[shown.length - 1];
  return { rows: shown.map(toRow), nextCursor: found.length > page.limit && last ? encodeCursor([last.id]) : null };
}
