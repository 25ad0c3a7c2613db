// Main process. The XLSX export's second sheet, 汇总: count, 金额, 苏宁金额 and 差额 in all, per reconciliation status
// and per shop. Summed from the very rows the first sheet receives, as they stream past (a tap on the row
// source): the sheet always agrees with the rows beside it, and no extra pass over 100,000 rows holds the event
// loop (the export bench keeps its loop delay). Same rule as invoices:totals (db/repositories/invoice-totals.ts):
// 苏宁金额 and 差额 only over rows that have a Suning amount; the others are counted in their own column.
import { RECON_STATUSES, type InvoiceRow, type ReconStatus } from '../../../shared/domain/invoice';
import { RECON_STATUS_LABELS } from '../../../shared/domain/labels';
import type { ExportColumn } from './columns';

export interface SummaryRow {
  /** 合计 / 按对账状态 / 按店铺. */
  readonly group: string;
  readonly name: string;
  readonly count: number;
  readonly amountFen: number;
  readonly suningAmountFen: number;
  readonly diffFen: number;
  readonly missingSuning: number;
}

export const SUMMARY_SHEET = '汇总';
export const NO_SHOP = '（无店铺）';

// Labels in the export's language: the invoice sheet's headers and values are Chinese, so these are too.
export const SUMMARY_COLUMNS: readonly ExportColumn<SummaryRow>[] = [
  { key: 'group', header: '分组', headerEn: 'Group', kind: 'text', width: 12, get: (r) => r.group },
  { key: 'name', header: '名称', headerEn: 'Name', kind: 'text', width: 24, get: (r) => r.name },
  { key: 'count', header: '发票数', headerEn: 'Invoices', kind: 'integer', width: 10, get: (r) => r.count },
  { key: 'amountFen', header: '金额(元)', headerEn: 'Amount (yuan)', kind: 'amount', width: 16, get: (r) => r.amountFen },
  { key: 'suningAmountFen', header: '苏宁金额(元)', headerEn: 'Suning amount (yuan)', kind: 'amount', width: 16, get: (r) => r.suningAmountFen },
  { key: 'diffFen', header: '差额(元)', headerEn: 'Difference (yuan)', kind: 'amount', width: 16, get: (r) => r.diffFen },
  { key: 'missingSuning', header: '无苏宁金额的发票数', headerEn: 'Without a Suning amount', kind: 'integer', width: 18, get: (r) => r.missingSuning },
];

interface Sums { count: number; amountFen: number; suningAmountFen: number; diffFen: number; missingSuning: number }
const zero = (): Sums => ({ count: 0, amountFen: 0, suningAmountFen: 0, diffFen: 0, missingSuning: 0 });

function addTo(s: Sums, r: Pick<InvoiceRow, 'amountFen' | 'suningAmountFen'>): void {
  s.count += 1;
  s.amountFen += r.amountFen;
  if (r.suningAmountFen === null) {
    s.missingSuning += 1;
  } else {
    s.suningAmountFen += r.suningAmountFen;
    s.diffFen += r.amountFen - r.suningAmountFen;
  }
}

export class InvoiceSummary {
  private readonly all = zero();
  private readonly byStatus = new Map<ReconStatus, Sums>();
  private readonly byShop = new Map<string, Sums>();

  add(r: Pick<InvoiceRow, 'amountFen' | 'suningAmountFen' | 'reconStatus' | 'shop'>): void {
    addTo(this.all, r);
    let st = this.byStatus.get(r.reconStatus);
    if (!st) this.byStatus.set(r.reconStatus, (st = zero()));
    addTo(st, r);
    let sh = this.byShop.get(r.shop);
    if (!sh) this.byShop.set(r.shop, (sh = zero()));
    addTo(sh, r);
  }

  /** 合计 first, then the statuses in their usual order, then the shops by name (each only when it has rows). */
  rows(): SummaryRow[] {
    const out: SummaryRow[] = [{ group: '合计', name: '全部', ...this.all }];
    for (const s of RECON_STATUSES) {
      const v = this.byStatus.get(s);
      if (v) out.push({ group: '按对账状态', name: RECON_STATUS_LABELS[s].zh, ...v });
    }
    for (const shop of [...this.byShop.keys()].sort()) {
      const v = this.byShop.get(shop);
      if (v) out.push({ group: '按店铺', name: shop === '' ? NO_SHOP : shop, ...v });
    }
    // Integer fen summed in JS stay exact while they are safe integers; a rounded total must never look exact.
    for (const r of out) {
      for (const v of [r.amountFen, r.suningAmountFen, r.diffFen]) {
        if (!Number.isSafeInteger(v)) throw new RangeError(`summary total ${v} is beyond exact integers`);
      }
    }
    return out;
  }
}

/**
 * The rows unchanged, each added to the summary on its way to the writer. Synchronous like the export's row
 * source: an async generator here would add a promise per row to 100,000 rows.
 */
export function* tapSummary<T extends Pick<InvoiceRow, 'amountFen' | 'suningAmountFen' | 'reconStatus' | 'shop'>>(rows: Iterable<T>, summary: InvoiceSummary): Generator<T> {
  for (const r of rows) {
    summary.add(r);
    yield r;
  }
}
