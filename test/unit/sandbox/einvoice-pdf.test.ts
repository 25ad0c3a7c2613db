import { describe, expect, it } from 'vitest';
import { einvoiceQrPayload, renderEinvoicePdf, totalFen, type EinvoicePdfInput } from '../../../electron/sandbox/einvoice-pdf';
import { readEinvoicePdf } from '../../../electron/services/archive/parse/read-pdf';
import { parseInvoiceQr } from '../../../shared/domain/einvoice-qr';

const paperBlue: EinvoicePdfInput = {
  kind: 'blue',
  qrType: '10',
  invoiceCode: '032001700211',
  invoiceNum: '00004127',
  invoiceDate: '2026-09-03',
  buyerName: '上海"星河"科技有限公司',
  sellerName: '苏宁易购官方旗舰店',
  sellerTaxId: '91320106773973920L',
  amountFen: 10000,
  taxFen: 1300,
  checkCode: '12345678901234567890',
};
const digitalBlue: EinvoicePdfInput = { ...paperBlue, qrType: '32', invoiceCode: '', invoiceNum: '26320000000000012345', checkCode: '', buyerName: '南京云帆贸易有限公司', amountFen: 4327, taxFen: 563 };
const paperRed: EinvoicePdfInput = { ...paperBlue, kind: 'red', invoiceNum: '00004128', amountFen: -10000, taxFen: -1300 };
const digitalRed: EinvoicePdfInput = { ...digitalBlue, kind: 'red', invoiceNum: '26320000000000012346', amountFen: -4327, taxFen: -563, buyerName: '个人' };

describe('renderEinvoicePdf → readEinvoicePdf', () => {
  it.each([
    ['12+8 blue', paperBlue],
    ['数电 blue', digitalBlue],
    ['12+8 red', paperRed],
    ['数电 red', digitalRed],
  ])('%s: every field and the QR code round-trip, Chinese text included', async (_name, input) => {
    const pdf = await renderEinvoicePdf(input);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const r = await readEinvoicePdf(pdf);
    if (!r.ok) throw new Error(r.reason.en);
    const digital = input.invoiceCode === '';
    const total = totalFen(input);
    expect(r.facts.pages).toBe(1);
    expect(r.facts.qrProblem).toBeNull();
    expect(r.facts.qr).toEqual({
      type: input.qrType,
      digital,
      invoiceCode: input.invoiceCode,
      invoiceNum: input.invoiceNum,
      // 数电票: 价税合计; 12+8: 合计金额 before tax.
      amountFen: digital ? total : input.amountFen,
      amountMeaning: digital ? 'tax_included' : 'tax_excluded',
      invoiceDate: input.invoiceDate,
      checkCode: input.checkCode,
    });
    expect(r.facts.text).toEqual({
      invoiceNum: input.invoiceNum,
      invoiceCode: digital ? null : input.invoiceCode,
      invoiceDate: input.invoiceDate,
      buyerName: input.buyerName,
      sellerTaxId: input.sellerTaxId,
      totalFen: total,
      amountFen: input.amountFen,
      red: input.kind === 'red',
    });
  }, 30_000);

  it('writes the standard QR payload (version, type, code, number, amount, date, check code, check field)', () => {
    const paper = einvoiceQrPayload(paperBlue).split(',');
    expect(paper.slice(0, 7)).toEqual(['01', '10', '032001700211', '00004127', '100.00', '20260903', '12345678901234567890']);
    expect(paper[7]).toMatch(/^[0-9A-F]{4}$/);
    expect(einvoiceQrPayload(digitalBlue).split(',').slice(0, 7)).toEqual(['01', '32', '', '26320000000000012345', '48.90', '20260903', '']);
    expect(einvoiceQrPayload(digitalRed).split(',')[4]).toBe('-48.90');
    for (const input of [paperBlue, digitalBlue, paperRed, digitalRed]) expect(parseInvoiceQr(einvoiceQrPayload(input)).ok).toBe(true);
  });

  it('embeds the font (no system font named) and only the glyphs used', async () => {
    const pdf = await renderEinvoicePdf(paperBlue);
    const text = pdf.toString('latin1');
    expect(text).toContain('/FontFile2');
    expect(text).not.toMatch(/\/BaseFont \/(?:Helvetica|SimSun|STSong)/);
    // The whole font is 4 MB unpacked; a subset of ~100 glyphs keeps the invoice small.
    expect(pdf.length).toBeLessThan(100_000);
  });

  it('can leave out the QR code and the text (for hostile-input tests) and add blank pages', async () => {
    const r = await readEinvoicePdf(await renderEinvoicePdf({ ...paperBlue, omitQr: true, omitText: true, extraPages: 2 }));
    if (!r.ok) throw new Error(r.reason.en);
    expect(r.facts.pages).toBe(3);
    expect(r.facts.qr).toBeNull();
    expect(r.facts.qrProblem?.en).toBe('the file has no QR code (no image, none on the rendered page either)');
    expect(r.facts.text.invoiceNum).toBeNull();
  }, 30_000);

  it('finds a QR code drawn as vector squares by rendering the page (the fallback)', async () => {
    const pdf = await renderEinvoicePdf({ ...digitalBlue, qrAsVector: true });
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
    const r = await readEinvoicePdf(pdf);
    if (!r.ok) throw new Error(r.reason.en);
    expect(r.facts.qr).toMatchObject({ invoiceNum: digitalBlue.invoiceNum, amountFen: totalFen(digitalBlue), digital: true });
  }, 30_000);
});
