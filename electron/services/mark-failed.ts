// Main process. 标记开票失败: the path forward for an invoice Suning has not issued or has fully reversed. Its
// plan never allows 80, so the clerk records 75 开票失败 (or 65 开票申请失败) with a reason (error_info) and the
// invoices are sent through the ordinary guarded submit job. Only invoices whose plan is "never 80" are marked;
// every other selected invoice is listed with why, never silently changed.
import { AppError, type Bilingual } from '../../shared/errors';
import type { Selection } from '../../shared/api/schemas';
import type { WdtStatus } from '../../shared/domain/invoice';
import type { Db } from '../db/open';
import type { Repositories } from '../db/repositories';
import { refreshDerived } from '../db/derived';
import { chunk } from '../db/util';
import { planClock, planOfRow } from './plan';
import type { Settings } from '../../shared/api/schemas';

export interface MarkFailedInput {
  readonly selection: Selection;
  readonly status: Exclude<WdtStatus, 80>;
  readonly reason: string;
}

export interface MarkFailedResult {
  /** Ids marked, ascending: the submit job's invoices. */
  readonly ids: number[];
  /** Selected invoices not marked, grouped by why (largest first), with a few invoice numbers each. */
  readonly skipped: { readonly reason: Bilingual; readonly count: number; readonly sample: string[] }[];
}

const CHUNK = 500;
const SAMPLE = 5;

/**
 * Marks the never-80 invoices of the selection as failed with the reason, in one transaction, audited per
 * invoice as `invoice.mark_failed` (status, reason, previous status and error_info). The fields become the app's
 * (a re-import keeps them). Throws `validation` for an empty reason; `conflict` when nothing in the selection may
 * be marked (with the first reason).
 */
export function markFailed(db: Db, repos: Repositories, actor: string, settings: Settings, input: MarkFailedInput): MarkFailedResult {
  const reason = input.reason.trim();
  if (reason === '') {
    throw new AppError('validation', {
      zh: `标记开票失败（${input.status}）必须填写失败原因`,
      en: `Marking an invoice failed (${input.status}) needs a failure reason`,
    }, { field: 'errorInfo' });
  }
  const clock = planClock(settings);
  const ids = repos.invoices.idsForSelection(input.selection);
  const marked: number[] = [];
  const skipped = new Map<string, { reason: Bilingual; count: number; sample: string[] }>();
  db.transaction(() => {
    for (const part of chunk(ids, CHUNK)) {
      for (const row of repos.invoices.getMany(part)) {
        const p = planOfRow(row, clock);
        if (p.plan !== 'never_80') {
          const why: Bilingual = p.plan === 'nothing'
            ? p.reason
            : { zh: `只有“不可回传成功”（未开票、已冲红）的发票可标记开票失败：${p.reason.zh}`, en: `Only invoices whose plan is "never 80" (not issued, reversed) can be marked failed: ${p.reason.en}` };
          const g = skipped.get(why.en) ?? { reason: why, count: 0, sample: [] };
          g.count += 1;
          if (g.sample.length < SAMPLE) g.sample.push(row.invoiceNo);
          skipped.set(why.en, g);
          continue;
        }
        const { fields } = repos.invoices.update(row.id, { targetStatus: input.status, errorInfo: reason }, { deferRefresh: true });
        repos.appValues.mark(row.id, fields.map((f) => f.field), 'edit');
        repos.audit.append(actor, 'invoice.mark_failed', row.invoiceNo, {
          status: input.status, reason, before: { targetStatus: row.targetStatus, errorInfo: row.errorInfo }, reconStatus: row.reconStatus,
        });
        marked.push(row.id);
      }
    }
    refreshDerived(db, marked);
  })();
  const list = [...skipped.values()].sort((a, b) => b.count - a.count);
  if (marked.length === 0) {
    const first = list[0];
    throw new AppError('conflict', first
      ? { zh: `没有可标记开票失败的发票：${first.reason.zh}`, en: `No invoice can be marked failed: ${first.reason.en}` }
      : { zh: '所选范围内没有发票', en: 'The selection holds no invoice' }, { skipped: list.reduce((n, g) => n + g.count, 0) });
  }
  return { ids: marked.sort((a, b) => a - b), skipped: list };
}
