// Unit: the submit form refuses exactly what the Wangdiantong request schema refuses, on the right field.
import { describe, expect, it } from 'vitest';
import { invoiceKindLabel, numberWarnings, splitBilingual, submitErrors, type SubmitFormValues } from '../../../renderer/features/reconcile/detail/submit-rules';

const base: SubmitFormValues = { targetStatus: 80, invoiceNum: '00049823', invoiceCode: '044032600211', pdfUrl: 'http://x/y.pdf', errorInfo: '' };

describe('submit form rules', () => {
  it('accepts a complete issued invoice', () => {
    expect(submitErrors('DZ1', base)).toEqual([]);
  });

  it('requires the invoice number when status is 80, on the invoiceNum field', () => {
    const errs = submitErrors('DZ1', { ...base, invoiceNum: '  ' });
    expect(errs.map((e) => e.field)).toEqual(['invoiceNum']);
    expect(errs[0]?.zh).toContain('发票号码');
    expect(errs[0]?.en).toContain('required');
  });

  it('requires a failure reason for 65 and 75 but no number', () => {
    expect(submitErrors('DZ1', { ...base, targetStatus: 75, invoiceNum: '', errorInfo: '' }).map((e) => e.field)).toEqual(['errorInfo']);
    expect(submitErrors('DZ1', { ...base, targetStatus: 65, invoiceNum: '', errorInfo: '税号错误' })).toEqual([]);
  });

  it('allows an empty code for a 20-digit 数电票 and names its kind', () => {
    const v = { ...base, invoiceNum: '26322000000123456789', invoiceCode: '' };
    expect(submitErrors('DZ1', v)).toEqual([]);
    expect(numberWarnings(v)).toEqual([]);
    expect(invoiceKindLabel(v)?.zh).toBe('数电票');
  });

  it('counts length in characters and maps file_path to the PDF field', () => {
    const errs = submitErrors('DZ1', { ...base, pdfUrl: `http://x/${'𠀋'.repeat(1020)}` });
    expect(errs.map((e) => e.field)).toEqual(['pdfUrl']);
  });

  it('warns (without blocking) when the number does not fit any invoice shape', () => {
    const v = { ...base, invoiceNum: '123', invoiceCode: '' };
    expect(submitErrors('DZ1', v)).toEqual([]);
    expect(numberWarnings(v).map((w) => w.field)).toContain('invoiceNum');
  });

  it('splits "中文 / English" messages', () => {
    expect(splitBilingual('甲 / A b')).toEqual({ zh: '甲', en: 'A b' });
    expect(splitBilingual('only')).toEqual({ zh: 'only', en: 'only' });
  });
});
