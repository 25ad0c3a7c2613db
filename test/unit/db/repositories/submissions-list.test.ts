// Unit (Node, real SQLite file): 提交记录's filters — Beijing calendar days of the last change, invoice number —
// and the true total of matches, not the count of rows on the page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repositories, type Repositories } from '../../../../electron/db/repositories/index';
import { submissionsListInput } from '../../../../shared/api/schemas';
import { tempDb, type TempDb } from '../temp-db';

let t: TempDb;
let r: Repositories;
beforeEach(() => { t = tempDb(); r = repositories(t.db); });
afterEach(() => t.cleanup());

/** One submission per invoice, its last change at the given UTC instant. */
function submissionAt(no: string, updatedAt: string): number {
  r.invoices.upsertMany([{
    invoiceNo: no, orderNo: `O-${no}`, billType: '01', shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 100,
    taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80, errorInfo: '',
  }], 'test');
  const id = r.submissions.enqueue(r.invoices.getByInvoiceNo(no)?.id ?? -1, {
    invoice_no: no, status: 80, invoice_no_out: '1', invoice_code: '', error_info: '', file_path: '',
  }, null);
  t.db.prepare('UPDATE submissions SET updated_at = ? WHERE id = ?').run(updatedAt, id);
  return id;
}

describe('submissions list', () => {
  it('filters by Beijing day: 23 Nov 16:30 UTC is already 24 Nov in Beijing', () => {
    const a = submissionAt('FA1', '2026-11-23T15:59:59.000Z'); // 23:59:59 on the 23rd, Beijing
    const b = submissionAt('FA2', '2026-11-23T16:30:00.000Z'); // 00:30 on the 24th
    const c = submissionAt('FB1', '2026-11-24T15:59:59.999Z'); // 23:59:59 on the 24th
    const d = submissionAt('FB2', '2026-11-24T16:00:00.000Z'); // 00:00 on the 25th
    const ids = (f: { from?: string; to?: string; search?: string }) => r.submissions.list({ ...f, limit: 10 }).rows.map((s) => s.id);
    expect(ids({ from: '2026-11-24', to: '2026-11-24' })).toEqual([c, b]);
    expect(ids({ to: '2026-11-23' })).toEqual([a]);
    expect(ids({ from: '2026-11-25' })).toEqual([d]);
    expect(ids({ from: '2026-11-24', search: 'FB' })).toEqual([d, c]);
  });

  it('answers the total of all matches on the first page, whatever the page size', () => {
    for (let i = 0; i < 7; i++) submissionAt(`F${i}`, `2026-11-2${i}T04:00:00.000Z`);
    const first = r.submissions.list({ limit: 2 });
    expect(first.rows).toHaveLength(2);
    expect(first.total).toBe(7);
    expect(r.submissions.list({ limit: 2, from: '2026-11-24' }).total).toBe(3);
    expect(r.submissions.list({ limit: 2, cursor: first.nextCursor }).total).toBeUndefined();
  });

  it('refuses days that do not exist and a start after the end, naming the field', () => {
    const bad = (input: object) => {
      const parsed = submissionsListInput.safeParse(input);
      return parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(bad({ from: '2026-02-30' })).toEqual(['from: 日期不存在 / No such date']);
    expect(bad({ to: '26-1-1' })?.[0]).toMatch(/^to: 日期格式应为 YYYY-MM-DD/);
    expect(bad({ from: '2026-11-24', to: '2026-11-23' })).toEqual(['to: 开始日期不能晚于结束日期 / The start date is after the end date']);
    expect(bad({ from: '2026-11-23', to: '2026-11-23' })).toBeNull();
  });
});
