// Unit tests (Node): header aliases, normalisation and mapping choice.
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS } from '../../../../shared/api/schemas';
import { ERP_EXPORT_HEADERS, IMPORT_HEADER_ALIASES, fieldForHeader, normalizeHeader } from '../../../../shared/domain/import-headers';
import { autoMapping, fileNamePattern, headerSignature, missingRequired } from '../../../../electron/services/import/mapping';

describe('header matching', () => {
  it('maps the exact ERP export header row onto every field, in order', () => {
    expect(ERP_EXPORT_HEADERS.map(fieldForHeader)).toEqual([...IMPORT_FIELDS]);
  });

  it('tolerates spaces, BOM, case and full-width forms', () => {
    expect(fieldForHeader('\uFEFF 发票编号 ')).toBe('invoiceNo');
    expect(fieldForHeader('INVOICE_NO')).toBe('invoiceNo');
    expect(fieldForHeader('Invoice No')).toBe('invoiceNo');
    expect(fieldForHeader('ｉｎｖｏｉｃｅ＿ｎｏ＿ｏｕｔ')).toBe('invoiceNum');
    expect(fieldForHeader('ＰＤＦ链接')).toBe('pdfUrl');
    expect(fieldForHeader('billNo')).toBe('orderNo');
    expect(fieldForHeader('备注')).toBeNull();
    expect(normalizeHeader('价税 合计')).toBe('价税合计');
  });

  it('has no alias claimed by two fields', () => {
    const seen = new Map<string, string>();
    for (const [field, aliases] of Object.entries(IMPORT_HEADER_ALIASES)) {
      for (const a of aliases) {
        const k = normalizeHeader(a);
        expect(seen.get(k) ?? field, `${a}`).toBe(field);
        seen.set(k, field);
      }
    }
  });
});

describe('mapping', () => {
  it('takes the first header per field and lists missing required fields', () => {
    const m = autoMapping(['发票单号', '开票金额', '价税合计', '备注']);
    expect(m).toEqual({ invoiceNo: '发票单号', amount: '开票金额' });
    expect(missingRequired(m)).toEqual(['orderNo']);
  });

  it('keys a source by its normalised headers, not its file name', () => {
    expect(headerSignature(['发票编号', 'Amount'])).toBe(headerSignature([' 发票编号', 'amount ']));
    expect(headerSignature(['发票编号', 'amount'])).not.toBe(headerSignature(['amount', '发票编号']));
    expect(fileNamePattern('发票导出_20261123_2.csv')).toBe('发票导出_#_#.csv');
  });
});
