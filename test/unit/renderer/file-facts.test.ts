// Unit: the detail panel's 原件 rows — what the file says beside Suning and the ERP, read as the core's check
// reads it (QR first), amounts by what they mean, the check's differences on the right cells; and the column
// hint's list of what differs.
import { describe, expect, it } from 'vitest';
import { factRows } from '../../../renderer/features/reconcile/archive/file-facts';
import { mismatchText, tagCase } from '../../../renderer/features/reconcile/archive/file-verdict';
import { translate } from '../../../renderer/i18n/i18n';
import type { MessageKey } from '../../../renderer/i18n/zh-CN';
import type { FileMismatch, InvoiceFile } from '../../../shared/domain/einvoice-file';
import type { SuningInvoice } from '../../../shared/domain/invoice';
import type { PlannedInvoiceRow } from '../../../shared/domain/plan';

const zh = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate('en-US', key, params);

const text = { invoiceNum: '00036494', invoiceCode: '011002640511', invoiceDate: '2026-09-23', buyerName: '个人', sellerTaxId: '91320106773973920L', totalFen: 6978, amountFen: 6193, red: false };
function file(qr: 'tax_excluded' | 'tax_included' | null, over: Partial<typeof text> = {}): InvoiceFile {
  return {
    id: 7, orderNo: 'O-1', suningInvoiceNum: '00036494', suningInvoiceCode: '011002640511', kind: 'blue', sourceUrl: 'https://f/x.pdf', outcome: 'stored', outcomeDetail: 'HTTP 200',
    httpStatus: 200, sha256: 'a'.repeat(64), size: 14981, fetchedAt: '2026-12-01T12:00:00.000Z', attempts: 1, parseProblem: null,
    facts: {
      pages: 1,
      qr: qr === null ? null : { type: '01', digital: false, invoiceCode: '011002640511', invoiceNum: '00036494', amountFen: qr === 'tax_excluded' ? 6193 : 6978, amountMeaning: qr, invoiceDate: '2026-09-23', checkCode: '35633452321387912048' },
      qrProblem: null,
      text: { ...text, ...over },
    },
  };
}
const suning = { invoiceNum: '00036494', invoiceCode: '011002640511', invoiceDate: '2026-09-23', amountFen: 6825, noTaxAmountFen: 6040, invoiceType: 1, saleTaxNo: '91320106773973920L', securityCode: '35633452321387912048' } as SuningInvoice;
const local = { invoiceNum: '', invoiceCode: '', invoiceDate: '2026-09-22', amountFen: 6590, taxAmountFen: 758, buyerTitle: '个人' } as PlannedInvoiceRow;
const mismatch = (field: FileMismatch['field'], against: FileMismatch['against'], fileValue: string, zhWhat: string): FileMismatch => ({
  field, against, file: fileValue, other: '', message: { zh: `原件${zhWhat} ${fileValue}，…`, en: '…' },
});

describe('factRows', () => {
  it('puts each amount on the row of what it means, and the check\'s differences on their cells', () => {
    const rows = factRows(zh, 'zh-CN', file('tax_excluded'), suning, local, [
      mismatch('amount', 'suning', '61.93', '合计金额（不含税）'),
      mismatch('amount', 'suning', '69.78', '价税合计'),
      mismatch('amount', 'local', '69.78', '价税合计'),
    ]);
    const by = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(by.total).toMatchObject({ file: '¥69.78', fileSource: 'text', suning: '¥68.25', erp: '¥65.90', diffSuning: true, diffErp: true });
    expect(by.noTax).toMatchObject({ file: '¥61.93', fileSource: 'qr', suning: '¥60.40', erp: '¥58.32', diffSuning: true, diffErp: false });
    expect(by.invoiceNum).toMatchObject({ file: '00036494', fileSource: 'qr', diffSuning: false, diffErp: false });
    expect(by.type?.file).toBe('蓝字增值税电子发票');
  });

  it('a QR amount with tax is the total; without a QR the printed text speaks', () => {
    expect(factRows(en, 'en-US', file('tax_included'), suning, local, []).find((r) => r.key === 'total')).toMatchObject({ file: '¥69.78', fileSource: 'qr' });
    const noQr = factRows(en, 'en-US', file(null, { invoiceNum: '26322000000123456789' }), suning, local, []);
    expect(noQr.find((r) => r.key === 'invoiceNum')).toMatchObject({ file: '26322000000123456789', fileSource: 'text' });
    expect(noQr.find((r) => r.key === 'type')?.file).toBe('blue fully digital invoice');
    expect(noQr.find((r) => r.key === 'checkCode')?.file).toBeNull();
  });

  it('an ERP record without a number shows no code yet; with a number an empty code reads as none', () => {
    expect(factRows(zh, 'zh-CN', file('tax_excluded'), suning, local, []).find((r) => r.key === 'invoiceCode')?.erp).toBeNull();
    expect(factRows(zh, 'zh-CN', file('tax_excluded'), suning, { ...local, invoiceNum: '26322000000123456789' }, []).find((r) => r.key === 'invoiceCode')?.erp).toBe('无');
  });
});

describe('the 原件 column hint', () => {
  it('names each differing field once, with whom', () => {
    expect(mismatchText(zh, [{ field: 'amount', against: 'local' }, { field: 'amount', against: 'suning' }, { field: 'invoiceNum', against: 'suning' }]))
      .toBe('金额（与苏宁、ERP不同）、发票号码（与苏宁不同）');
    expect(mismatchText(en, [{ field: 'buyerName', against: 'local' }])).toBe('Buyer (vs. ERP)');
    expect(mismatchText(zh, [])).toBeUndefined();
    expect(tagCase('file differs')).toBe('File differs');
  });
});
