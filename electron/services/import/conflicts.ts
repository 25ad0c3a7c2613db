// Main process. A re-import never destroys work: where the file differs from a value the app wrote (filled from
// Suning, typed by the clerk, restored by an undo) or one Wangdiantong accepted, that is a conflict. The preview
// lists them with a token over exactly that set; the commit recomputes the set in its transaction and refuses
// unless the token matches, so nothing is overwritten that the clerk has not seen (and a change made between
// preview and commit, which changes the set, asks for a new preview).
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { ImportConflict } from '../../../shared/api/schemas';
import { IMPORT_FIELD_LABELS } from '../../../shared/domain/import-headers';
import type { Db } from '../../db/open';
import { APP_FIELDS, PAYLOAD_KEY, appValuesRepo, type AppField } from '../../db/repositories/app-values';
import type { InvoiceInput } from '../../db/repositories/invoices';
import { stringify } from 'csv-stringify/sync';
import { protectCell } from '../export/cell-protection';

/** Conflicts carried in a preview or a report; the token and the counts cover all of them. */
const ITEMS_CAP = 500;

export interface ConflictSet {
  readonly all: readonly (ImportConflict & { readonly invoiceId: number })[];
  readonly total: number;
  readonly invoices: number;
  readonly acceptedInvoices: number;
  readonly token: string | null;
  readonly byField: Partial<Record<AppField, number>>;
  readonly items: ImportConflict[];
}

function text(v: string | number): string {
  return typeof v === 'number' ? String(v) : v;
}

/** Conflicts between the file's records and the database as it is now. */
export function findConflicts(db: Db, records: readonly InvoiceInput[]): ConflictSet {
  const guarded = appValuesRepo(db).protectedByInvoiceNo();
  const all: (ImportConflict & { invoiceId: number })[] = [];
  if (guarded.size > 0) {
    for (const rec of records) {
      const p = guarded.get(rec.invoiceNo);
      if (!p) continue;
      for (const field of APP_FIELDS) {
        const app = p.values[field];
        const file = rec[field];
        if (app === file) continue;
        const origin = p.origins.get(field);
        const accepted = p.accepted !== null && p.accepted[PAYLOAD_KEY[field]] === app;
        if (origin === undefined && !accepted) continue;
        all.push({ invoiceId: p.id, invoiceNo: rec.invoiceNo, field, appValue: text(app), fileValue: text(file), origin: origin ?? 'accepted', accepted });
      }
    }
  }
  all.sort((a, b) => (a.invoiceNo < b.invoiceNo ? -1 : a.invoiceNo > b.invoiceNo ? 1 : APP_FIELDS.indexOf(a.field) - APP_FIELDS.indexOf(b.field)));
  const byField: Partial<Record<AppField, number>> = {};
  const invoices = new Set<string>();
  const accepted = new Set<string>();
  for (const c of all) {
    byField[c.field] = (byField[c.field] ?? 0) + 1;
    invoices.add(c.invoiceNo);
    if (c.accepted) accepted.add(c.invoiceNo);
  }
  return {
    all,
    total: all.length,
    invoices: invoices.size,
    acceptedInvoices: accepted.size,
    token: all.length === 0 ? null : tokenOf(all),
    byField,
    items: all.slice(0, ITEMS_CAP).map(({ invoiceId: _id, ...c }) => c),
  };
}

function tokenOf(conflicts: readonly ImportConflict[]): string {
  const h = createHash('sha256');
  for (const c of conflicts) h.update(JSON.stringify([c.invoiceNo, c.field, c.appValue, c.fileValue, c.origin, c.accepted])).update('\n');
  return h.digest('hex').slice(0, 40);
}

/** The commit may proceed only over the conflicts its preview showed. */
export function requirePreviewed(set: ConflictSet, token: string | undefined): void {
  if (set.token === null || set.token === token) return;
  const first = set.items[0];
  const example = first
    ? { zh: `例如发票 ${first.invoiceNo} 的${IMPORT_FIELD_LABELS[first.field].zh}`, en: `e.g. the ${IMPORT_FIELD_LABELS[first.field].en} of invoice ${first.invoiceNo}` }
    : { zh: '', en: '' };
  const stale = token !== undefined;
  throw new AppError('import.conflicts', {
    zh: stale
      ? `预览之后数据已有变化：重新导入现会影响 ${set.invoices} 张发票的 ${set.total} 个在本应用中填入、修改或已被旺店通接受的值（${example.zh}）。请重新预览后再导入，没有写入任何数据`
      : `重新导入会影响 ${set.invoices} 张发票的 ${set.total} 个在本应用中填入、修改或已被旺店通接受的值（${example.zh}）。请先预览这些冲突并选择“保留本应用的值”或“采用文件的值”，没有写入任何数据`,
    en: stale
      ? `The data changed after the preview: the re-import would now affect ${set.total} value(s) of ${set.invoices} invoice(s) that were filled or edited in the app or accepted by Wangdiantong (${example.en}). Preview again; nothing was imported`
      : `The re-import would affect ${set.total} value(s) of ${set.invoices} invoice(s) that were filled or edited in the app or accepted by Wangdiantong (${example.en}). Preview these conflicts first and choose "keep the app's values" or "take the file's"; nothing was imported`,
  }, { conflicts: set.total, invoices: set.invoices, token: set.token, stale });
}

/** Per invoice number, the fields whose app value the import keeps. */
export function keptFields(set: ConflictSet): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const c of set.all) {
    const s = out.get(c.invoiceNo);
    if (s) s.add(c.field);
    else out.set(c.invoiceNo, new Set([c.field]));
  }
  return out;
}

/** After "take the file's": those fields hold the ERP's values again, no longer the app's. */
export function releaseTaken(db: Db, set: ConflictSet): void {
  const values = appValuesRepo(db);
  for (const c of set.all) values.clear(c.invoiceId, [c.field]);
}

const ORIGIN_LABEL: Readonly<Record<ImportConflict['origin'], string>> = {
  suning: '采用苏宁结果 filled from Suning',
  edit: '手工修改 edited in the app',
  undo: '撤销后恢复 restored by an undo',
  accepted: '已被旺店通接受 accepted by Wangdiantong',
};

/**
 * Every conflict as a CSV (UTF-8 with BOM, identifiers kept as text, formulas neutralised) for when there are
 * more than the preview's table carries: each one is still there to be seen before the commit.
 */
export function conflictsCsv(set: ConflictSet): Buffer {
  const body = stringify([
    ['发票编号 ERP invoice no.', '字段 Field', '本应用的值 App value', '文件中的值 File value', '来源 Source', '已被旺店通接受 Accepted'],
    ...set.all.map((c) => [
      protectCell(c.invoiceNo), `${IMPORT_FIELD_LABELS[c.field].zh} ${IMPORT_FIELD_LABELS[c.field].en}`, protectCell(c.appValue),
      protectCell(c.fileValue), ORIGIN_LABEL[c.origin], c.accepted ? '是 yes' : '否 no',
    ]),
  ], { record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]);
}

export function conflictSummary(set: ConflictSet) {
  return {
    total: set.total, invoices: set.invoices, acceptedInvoices: set.acceptedInvoices, token: set.token, byField: set.byField, items: set.items,
    reportCsvBase64: set.total > set.items.length ? conflictsCsv(set).toString('base64') : null,
  };
}
