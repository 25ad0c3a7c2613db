// Main process. Which of a 自动处理 run's invoices each phase takes on, decided from the invoice as it is now
// (so a resumed phase never redoes what it already did: a filled invoice is matched, a sent one is in the
// outbox or accepted), and the summary of what the run left for the clerk.
import type { InvoiceRow } from '../../../shared/domain/invoice';
import type { InvoiceFilter } from '../../../shared/api/schemas';
import type { AutoLeftGroup, AutoSummary } from '../../../shared/domain/auto';
import type { Bilingual } from '../../../shared/errors';
import type { Repositories } from '../../db/repositories';
import type { PlanClock } from '../../domain/write-back-plan';
import { planOfRow } from '../plan';
import { yieldToEventLoop } from '../jobs/pool';

/** Invoices read per page: a page is one indexed read, and the loop yields between pages. */
const PAGE = 2000;

export type AutoNeed = 'query' | 'fill' | 'submit' | 'none';

/**
 * What the run does with one invoice now. A flagged invoice (its newest query failed) is queried again and
 * never filled or sent until a query succeeds, whatever verdict its last successful answer gave.
 */
export function needOf(row: InvoiceRow, clock: PlanClock): AutoNeed {
  const p = planOfRow(row, clock).plan;
  if (p === 'nothing') return 'none';
  if (p === 'query_first' || row.queryFailedAt !== null) return 'query';
  if (p === 'fill_then_submit') return 'fill';
  if (p === 'submit') return 'submit';
  return 'none';
}

/** The run's invoices, a page at a time, yielding to the event loop between pages. */
export async function* scopeRows(repos: Repositories, runId: number): AsyncGenerator<InvoiceRow[]> {
  let cursor = 0;
  for (;;) {
    const ids = repos.autoRuns.itemsAfter(runId, cursor, PAGE);
    if (ids.length === 0) return;
    cursor = ids[ids.length - 1] ?? cursor;
    yield repos.invoices.getMany(ids);
    await yieldToEventLoop();
  }
}

/** Ids, ascending, of the run's invoices that this phase takes on now. */
export async function idsNeeding(repos: Repositories, runId: number, need: Exclude<AutoNeed, 'none'>, clock: PlanClock): Promise<number[]> {
  const out: number[] = [];
  for await (const rows of scopeRows(repos, runId)) {
    for (const r of rows) if (needOf(r, clock) === need) out.push(r.id);
  }
  return out.sort((a, b) => a - b);
}

const FLAGGED: Bilingual = {
  zh: '最近一次苏宁查询失败：查询成功之前不会自动填入或回传，请稍后重新查询',
  en: 'The last Suning query failed: nothing is filled or sent automatically until a query succeeds; query again later',
};
const NOT_FILLED: Bilingual = {
  zh: '未自动填入：填入会覆盖手工填写的值，或填入时记录已变化；请在详情中核对后采用苏宁结果',
  en: "Not filled automatically: the fill would replace a value typed by hand, or the record changed meanwhile; check it in the detail panel and use Suning's values",
};
const NOT_SENT: Bilingual = {
  zh: '回传旺店通未成功（被拒绝或结果未知）：请查看提交记录后重新回传',
  en: 'The write-back to Wangdiantong did not succeed (rejected or unknown): see 提交记录 and submit again',
};

interface Counts {
  readonly queried: AutoSummary['queried'];
  readonly filled: number;
  readonly fillFailed: number;
  readonly submitted: AutoSummary['submitted'];
}

/** What is left for the clerk after the run, grouped by plan and status, each with the table filter that shows it. */
export async function summarize(repos: Repositories, runId: number, runFilter: InvoiceFilter, clock: PlanClock, counts: Counts): Promise<AutoSummary> {
  const groups = new Map<string, AutoLeftGroup & { submitStates: Set<InvoiceRow['submitState']> }>();
  let total = 0;
  let nothingLeft = 0;
  for await (const rows of scopeRows(repos, runId)) {
    for (const r of rows) {
      total++;
      const p = planOfRow(r, clock);
      if (p.plan === 'nothing') {
        nothingLeft++;
        continue;
      }
      const queryFailed = r.queryFailedAt !== null;
      const key = `${p.plan}|${r.reconStatus}|${queryFailed ? 1 : 0}`;
      const g = groups.get(key);
      if (g) {
        g.count++;
        g.amountFen += r.amountFen;
        g.submitStates.add(r.submitState);
        continue;
      }
      const reason = queryFailed ? FLAGGED : p.plan === 'fill_then_submit' ? NOT_FILLED : p.plan === 'submit' ? NOT_SENT : p.reason;
      groups.set(key, { plan: p.plan, reconStatus: r.reconStatus, queryFailed, count: 1, amountFen: r.amountFen, reason, filter: {}, submitStates: new Set([r.submitState]) });
    }
  }
  const leftForClerk: AutoLeftGroup[] = [...groups.values()].map(({ submitStates, ...g }) => {
    const filter: InvoiceFilter = { ...runFilter, reconStatus: [g.reconStatus] };
    if (g.queryFailed) filter.queryFailed = true;
    // Sends that failed sit among many accepted invoices of the same status: the submission state finds them.
    if (g.plan === 'submit' || g.plan === 'fill_then_submit') filter.submitState = [...submitStates].sort();
    return { ...g, filter };
  }).sort((a, b) => b.count - a.count || a.reconStatus.localeCompare(b.reconStatus));
  return {
    total,
    ...counts,
    nothingLeft,
    leftForClerk,
    automaticFailures: counts.queried.failed + counts.fillFailed + counts.submitted.failed,
  };
}
