// Unit tests (Node): header aliases, normalisation and mapping choice.
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS } from '../../../../shared/api/schemas';
import { ERP_EXPORT_HEADERS, IMPORT_HEADER_ALIASES, fieldForHeader, normalizeHeader } from '../../../../shared/domain/import-headers';
import {
  autoMapping, columnLetters, fileNamePattern, headerSignature, missingRequired, requireDistinctColumns,
} from '../../../../electron/services/import/mapping';

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

describe('repeated columns', () => {
  it('names columns as Excel does', () => {
    expect([1, 26, 27, 52, 703, 16384].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA', 'XFD']);
  });

  it('refuses a used header that repeats, and lets an unused one be', () => {
    const headers = ['发票编号', '金额', '备注', '备注', '金额'];
    expect(() => requireDistinctColumns({ invoiceNo: '发票编号', amount: '金额' }, headers)).toThrow(
      expect.objectContaining({ code: 'import.mapping', details: { duplicates: [{ header: '金额', columns: [2, 5] }] } }) as Error,
    );
    expect(requireDistinctColumns({ invoiceNo: '发票编号' }, headers)).toEqual({ invoiceNo: '发票编号' });
  });
});
