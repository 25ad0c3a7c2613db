// Main process. "采用苏宁结果" for many invoices at once: a preview (how many change, field by field, a sample,
// and every value the clerk typed that would be replaced), then ONE transaction that applies exactly what the
// preview showed (its token), and an undo of the whole batch or one invoice that restores the previous values
// from the audit log. An undo after Wangdiantong accepted the filled values says so: the invoice is then
// outdated (the ERP still holds the filled values), not silently "back to before".
import { createHash, randomUUID } from 'node:crypto';
import { AppError, type Bilingual } from '../../shared/errors';
import type { Selection } from '../../shared/api/schemas';
import type { ChannelOutput } from '../../shared/api/contract';
import type { InvoiceRow, ReconStatus } from '../../shared/domain/invoice';
import { IMPORT_FIELD_LABELS } from '../../shared/domain/import-headers';
import type { Db } from '../db/open';
import type { Repositories } from '../db/repositories';
import { APP_FIELDS, PAYLOAD_KEY, type AppField, type AppOrigin } from '../db/repositories/app-values';
import type { InvoicePatch } from '../db/repositories/invoices';
import { loadOrderContext, reconcileInContext, refreshDerived } from '../db/derived';
import { chunk } from '../db/util';
import { fillFromSuning } from '../domain/reconcile';

type Value = string | number;
type Preview = ChannelOutput<'invoices:applySuningPreview'>;
type Undo = ChannelOutput<'invoices:undoApplySuning'>;

/** Statuses where the valid blue's values go in without a clerk's look (issue 13 §1: fillable, and matched). */
const ELIGIBLE: ReadonlySet<ReconStatus> = new Set(['fillable', 'matched']);
const SAMPLE = 20;
// Every typed value a batch replaces is shown, so the cap is far above any real selection (a row is ~100 bytes).
const TYPED_CAP = 10_000;
const PAGE = 2000;

const SKIP_REASON: Readonly<Record<string, Bilingual>> = {
  not_queried: { zh: '尚未查询苏宁', en: 'Suning has not been queried' },
  query_failed: { zh: '苏宁查询失败，没有可采用的结果', en: 'The Suning query failed; there is nothing to use' },
  query_failed_flag: { zh: '最近一次查询失败：请先重新查询成功', en: 'The last query failed: query again successfully first' },
  not_issued: { zh: '苏宁未开票，没有可采用的发票', en: 'Suning has issued nothing to use' },
  reversed: { zh: '蓝票已全部冲红，没有可采用的发票', en: 'Every blue invoice is reversed; nothing valid to use' },
  split: { zh: '多张有效蓝票：请在详情中选择要回传的发票', en: 'Several valid blue invoices: choose one in the detail panel' },
  amount_mismatch: { zh: '金额不符：请在详情中核对后逐张采用', en: 'Amount mismatch: check and use it invoice by invoice in the detail panel' },
  number_mismatch: { zh: '号码/代码不符：请在详情中确认后逐张采用', en: 'Number/code mismatch: confirm invoice by invoice in the detail panel' },
  partially_reversed: { zh: '部分冲红：请人工核对', en: 'Partially reversed: needs a check by hand' },
  red_without_blue: { zh: '红票无对应蓝票：请人工核对', en: 'Red invoice without its blue: needs a check by hand' },
};

interface Planned {
  readonly invoiceId: number;
  readonly invoiceNo: string;
  readonly fields: readonly { readonly field: AppField; readonly before: Value; readonly after: Value }[];
  readonly beforeOrigins: Partial<Record<AppField, AppOrigin | null>>;
}

interface Plan {
  readonly selected: number;
  readonly changes: readonly Planned[];
  readonly unchanged: number;
  readonly skipped: ReadonlyMap<string, number>;
  readonly token: string | null;
}

function text(v: Value): string {
  return typeof v === 'number' ? String(v) : v;
}

/**
 * What the batch would write, computed from the database as it is now (also inside the apply's transaction).
 * 'bulk' takes only fillable/matched invoices whose last query succeeded; 'one' (the clerk's own click in the
 * detail panel, after looking) takes any invoice with one valid blue, as the single action always did.
 */
function plan(db: Db, repos: Repositories, selection: Selection, mode: 'bulk' | 'one' = 'bulk'): Plan {
  const ids = repos.invoices.idsForSelection(selection);
  const changes: Planned[] = [];
  const skipped = new Map<string, number>();
  let unchanged = 0;
  const skip = (key: string) => skipped.set(key, (skipped.get(key) ?? 0) + 1);
  for (const part of chunk(ids, PAGE)) {
    const rows = repos.invoices.getMany(part);
    const ctx = loadOrderContext(db, rows.map((r) => r.orderNo));
    for (const row of rows) {
      // Automatic fills never act on an answer a newer query could not confirm (issue 13 §5).
      if (mode === 'bulk' && row.queryFailedAt !== null) {
        skip(row.reconStatus === 'query_failed' ? 'query_failed' : 'query_failed_flag');
        continue;
      }
      const { recon } = reconcileInContext(row, ctx);
      if (!recon.validBlue || (mode === 'bulk' && !ELIGIBLE.has(recon.status))) {
        skip(recon.status);
        continue;
      }
      const fill = fillFromSuning(row, recon.validBlue);
      const fields = APP_FIELDS.filter((f) => row[f] !== fill[f]).map((f) => ({ field: f, before: row[f], after: fill[f] }));
      if (fields.length === 0) {
        unchanged++;
        continue;
      }
      const origins = repos.appValues.originsOf(row.id);
      const beforeOrigins: Partial<Record<AppField, AppOrigin | null>> = {};
      for (const c of fields) beforeOrigins[c.field] = origins.get(c.field) ?? null;
      changes.push({ invoiceId: row.id, invoiceNo: row.invoiceNo, fields, beforeOrigins });
    }
  }
  return { selected: ids.length, changes, unchanged, skipped, token: changes.length === 0 ? null : tokenOf(changes) };
}

function tokenOf(changes: readonly Planned[]): string {
  const h = createHash('sha256');
  for (const c of changes) h.update(JSON.stringify([c.invoiceId, c.fields, c.beforeOrigins])).update('\n');
  return h.digest('hex').slice(0, 40);
}

export function previewApplySuning(db: Db, repos: Repositories, selection: Selection): Preview {
  const p = plan(db, repos, selection);
  const byField: Partial<Record<AppField, number>> = {};
  let overwrites = 0;
  const typed: Preview['typedOverwrites'] = [];
  let typedTotal = 0;
  for (const c of p.changes) {
    for (const f of c.fields) {
      byField[f.field] = (byField[f.field] ?? 0) + 1;
      if (text(f.before) !== '') overwrites++;
      if (c.beforeOrigins[f.field] === 'edit') {
        typedTotal++;
        if (typed.length < TYPED_CAP) typed.push({ invoiceId: c.invoiceId, invoiceNo: c.invoiceNo, field: f.field, before: text(f.before), after: text(f.after) });
      }
    }
  }
  return {
    token: p.token,
    selected: p.selected,
    changing: p.changes.length,
    unchanged: p.unchanged,
    skipped: [...p.skipped].sort((a, b) => b[1] - a[1]).map(([key, count]) => {
      const r = SKIP_REASON[key] ?? { zh: key, en: key };
      return { key, count, reason: r.zh, reasonEn: r.en };
    }),
    byField,
    overwrites,
    typedOverwrites: typed,
    typedOverwritesTotal: typedTotal,
    sample: p.changes.slice(0, SAMPLE).map((c) => ({
      invoiceId: c.invoiceId, invoiceNo: c.invoiceNo, fields: c.fields.map((f) => ({ field: f.field, before: text(f.before), after: text(f.after) })),
    })),
  };
}

function patchOf(fields: readonly { field: string; value: Value }[]): InvoicePatch {
  const patch: Record<string, Value> = {};
  for (const f of fields) patch[f.field] = f.value;
  return patch as InvoicePatch;
}

/** Applies exactly the previewed batch in one transaction; a batch that changed since its preview is refused. */
export function applySuningBatch(
  db: Db, repos: Repositories, actor: string, selection: Selection, token: string, mode: 'bulk' | 'one' = 'bulk',
  /** 自动处理 fills in chunks under one batch id, so its whole fill is undone as one batch. */
  batchId?: string,
): { batch: string; changed: number; byField: Partial<Record<AppField, number>> } {
  const batch = batchId ?? randomUUID();
  return db.transaction(() => {
    const p = plan(db, repos, selection, mode);
    if (p.token !== token) {
      throw new AppError('conflict', {
        zh: '预览之后发票已有变化（被修改、重新查询或导入），本次“采用苏宁结果”没有写入任何数据。请重新预览',
        en: 'The invoices changed after the preview (edited, queried again or imported); nothing was applied. Preview again',
      }, { stale: true });
    }
    const byField: Partial<Record<AppField, number>> = {};
    for (const c of p.changes) {
      const { row } = repos.invoices.update(c.invoiceId, patchOf(c.fields.map((f) => ({ field: f.field, value: f.after }))), { deferRefresh: true });
      repos.appValues.mark(c.invoiceId, c.fields.map((f) => f.field), 'suning');
      for (const f of c.fields) byField[f.field] = (byField[f.field] ?? 0) + 1;
      repos.audit.append(actor, 'invoice.apply_suning', row.invoiceNo, {
        batch,
        invoiceId: c.invoiceId,
        suningInvoiceNum: row.suningInvoiceNum,
        fields: c.fields.map((f) => ({ field: f.field, before: text(f.before), after: text(f.after) })),
        before: Object.fromEntries(c.fields.map((f) => [f.field, f.before])),
        after: Object.fromEntries(c.fields.map((f) => [f.field, f.after])),
        beforeOrigins: c.beforeOrigins,
      });
    }
    // Once for the whole batch (a per-row refresh re-read each order's Suning answer one by one).
    refreshDerived(db, p.changes.map((c) => c.invoiceId));
    if (mode === 'bulk') repos.audit.append(actor, 'invoice.apply_suning_bulk', batch, { batch, changed: p.changes.length, selected: p.selected, byField });
    return { batch, changed: p.changes.length, byField };
  }).immediate();
}

/** "采用苏宁结果" on one invoice (the caller checked it has one valid blue): a batch of one, undone the same way. */
export function applySuningOne(db: Db, repos: Repositories, actor: string, id: number): { row: InvoiceRow | null; batch: string | null } {
  return db.transaction(() => {
    const p = plan(db, repos, { kind: 'ids', ids: [id] }, 'one');
    const done = p.token === null ? null : applySuningBatch(db, repos, actor, { kind: 'ids', ids: [id] }, p.token, 'one');
    return { row: repos.invoices.getById(id), batch: done?.batch ?? null };
  }).immediate();
}

function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  return a !== undefined && b !== undefined && text(a) === text(b);
}

/** Restores the values from before the batch (or one invoice of it), where nothing changed them since. */
export function undoApplySuning(db: Db, repos: Repositories, actor: string, batch: string, invoiceId?: number): Undo {
  return db.transaction(() => {
    const all = repos.applyBatches.entries(batch);
    const entries = invoiceId === undefined ? all : all.filter((e) => e.invoiceId === invoiceId);
    if (entries.length === 0) {
      throw new AppError('not_found', {
        zh: invoiceId === undefined ? `没有找到“采用苏宁结果”批次 ${batch}` : `批次 ${batch} 没有修改过发票记录 ${invoiceId}`,
        en: invoiceId === undefined ? `No "use Suning's values" batch ${batch}` : `Batch ${batch} did not change invoice record ${invoiceId}`,
      }, { batch, invoiceId });
    }
    const undone = repos.applyBatches.undone(batch);
    const skipped: Undo['skipped'] = [];
    const outdated: string[] = [];
    let restored = 0;
    const restoredIds: number[] = [];
    for (const e of entries) {
      if (undone.has(e.invoiceId)) {
        skipped.push({ invoiceNo: e.invoiceNo, reason: '已撤销过', reasonEn: 'already undone' });
        continue;
      }
      const row = repos.invoices.getById(e.invoiceId);
      if (!row) {
        skipped.push({ invoiceNo: e.invoiceNo, reason: '发票记录已不存在', reasonEn: 'the invoice record no longer exists' });
        continue;
      }
      const fields = Object.keys(e.after).filter((f): f is AppField => (APP_FIELDS as readonly string[]).includes(f));
      const moved = fields.filter((f) => !sameValue(row[f], e.after[f]));
      if (moved.length > 0) {
        // Restoring would overwrite what someone wrote after the fill; say so instead.
        skipped.push({
          invoiceNo: e.invoiceNo,
          reason: `填入后已被修改（${moved.map((f) => IMPORT_FIELD_LABELS[f].zh).join('、')}），未撤销`,
          reasonEn: `changed after the fill (${moved.map((f) => IMPORT_FIELD_LABELS[f].en).join(', ')}); not undone`,
        });
        continue;
      }
      const accepted = repos.appValues.acceptedPayload(e.invoiceId);
      const wasAccepted = accepted !== null && fields.every((f) => sameValue(accepted[PAYLOAD_KEY[f]], e.after[f]));
      repos.invoices.update(e.invoiceId, patchOf(fields.map((f) => ({ field: f, value: e.before[f] ?? '' }))), { deferRefresh: true });
      restoredIds.push(e.invoiceId);
      for (const f of fields) {
        const origin = e.beforeOrigins[f] ?? null;
        if (origin === null) repos.appValues.clear(e.invoiceId, [f]);
        else repos.appValues.mark(e.invoiceId, [f], origin);
      }
      repos.audit.append(actor, 'invoice.undo_apply_suning', e.invoiceNo, {
        batch, invoiceId: e.invoiceId, acceptedByWangdiantong: wasAccepted,
        fields: fields.map((f) => ({ field: f, before: text(e.after[f] ?? ''), after: text(e.before[f] ?? '') })),
      });
      restored++;
      if (wasAccepted) outdated.push(e.invoiceNo);
    }
    refreshDerived(db, restoredIds);
    const acceptedZh = outdated.length > 0
      ? `其中 ${outdated.length} 张已按填入的值回传旺店通并被接受：旺店通中仍是填入的值，这些发票已标记为“已回传但本地已修改”，需要重新回传。`
      : '';
    const acceptedEn = outdated.length > 0
      ? ` ${outdated.length} of them had been accepted by Wangdiantong with the filled values: Wangdiantong still holds those, so they are marked outdated and need to be submitted again.`
      : '';
    const skippedZh = skipped.length > 0 ? `${skipped.length} 张未撤销。` : '';
    const skippedEn = skipped.length > 0 ? ` ${skipped.length} not undone.` : '';
    return {
      restored,
      outdatedInvoiceNos: outdated,
      skipped,
      message: `已恢复 ${restored} 张发票填入前的值。${acceptedZh}${skippedZh}`,
      messageEn: `Restored the previous values of ${restored} invoice(s).${acceptedEn}${skippedEn}`,
    };
  }).immediate();
}
