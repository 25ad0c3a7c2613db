import { describe, expect, it } from 'vitest';
import { SEED_CASES, SEED_MIX, WALK_THROUGH, generateSeed, type SeedCase } from '../../../electron/sandbox/seed';
import type { SuningWireInvoice } from '../../../electron/sandbox/types';

/** Exact fen from the platform's amount text, sign dropped (reds come either way). */
function absFen(text: string): number {
  const m = /^-?(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!m) throw new Error(`not an amount: ${text}`);
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const isBlue = (i: SuningWireInvoice): boolean => i.invoiceType === '1';

describe('seed generator', () => {
  it('gives identical output for the same options and different output for another seed', () => {
    const a = generateSeed({ orders: 2000, seed: 7 });
    const b = generateSeed({ orders: 2000, seed: 7 });
    expect(b.erpRecords).toEqual(a.erpRecords);
    expect([...b.invoicesByOrder]).toEqual([...a.invoicesByOrder]);
    expect([...b.failingOrders]).toEqual([...a.failingOrders]);
    const c = generateSeed({ orders: 2000, seed: 8 });
    expect(c.erpRecords.map((r) => r.orderNo)).not.toEqual(a.erpRecords.map((r) => r.orderNo));
  });

  it('walks through every case but the rare 9999 in the first orders', () => {
    const s = generateSeed({ orders: WALK_THROUGH.length, seed: 3 });
    expect([...s.caseByOrder.values()]).toEqual([...WALK_THROUGH]);
    expect(WALK_THROUGH).toEqual(SEED_CASES.filter((c) => c !== 'query_failure'));
    expect(s.failingOrders.size).toBe(0);
  });

  it('draws the documented mix', () => {
    const n = 30_000;
    const s = generateSeed({ orders: n, seed: 1 });
    const counts = new Map<SeedCase, number>();
    for (const c of s.caseByOrder.values()) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const c of SEED_CASES) {
      const expected = (SEED_MIX[c] / 1000) * n;
      expect(Math.abs((counts.get(c) ?? 0) - expected), c).toBeLessThan(expected * 0.25);
    }
    expect(Object.values(SEED_MIX).reduce((x, y) => x + y, 0)).toBe(1000);
  });

  it('keeps every case consistent with what it claims', () => {
    const s = generateSeed({ orders: 2000, seed: 11, saleOrg: '70000001' });
    const invoiceNos = new Set<string>();
    const numbers = new Set<string>();
    for (const r of s.erpRecords) {
      expect(r.saleOrg).toBe('70000001');
      expect(r.invoiceNo.length).toBeLessThanOrEqual(20);
      expect(r.invoiceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(r.amountFen).toBeGreaterThan(0);
      invoiceNos.add(r.invoiceNo);
      const kind = s.caseByOrder.get(r.orderNo);
      const inv = s.invoicesByOrder.get(r.orderNo) ?? [];
      for (const i of inv) {
        expect(i.invoiceAmount).toMatch(/^-?\d+(\.\d{1,2})?$/);
        expect(i.invoicePdfUrl).toMatch(/^https?:\/\//);
        const key = `${i.invoiceCode}/${i.invoiceNum}`;
        expect(numbers.has(key), key).toBe(false);
        numbers.add(key);
        if (i.invoiceCode === '') {
          expect(i.invoiceNum).toMatch(/^\d{20}$/);
        } else {
          expect(i.invoiceCode).toMatch(/^0\d{9}11$/);
          expect(i.invoiceNum).toMatch(/^\d{8}$/);
        }
      }
      const blues = inv.filter(isBlue);
      const reds = inv.filter((i) => !isBlue(i));
      switch (kind) {
        case 'fillable':
        case 'digital':
        case 'query_failure':
          expect(blues).toHaveLength(1);
          expect(absFen(blues[0]?.invoiceAmount ?? '')).toBe(r.amountFen);
          expect(r.invoiceNum).toBe('');
          expect(s.failingOrders.has(r.orderNo)).toBe(kind === 'query_failure');
          if (kind === 'digital') expect(blues[0]?.invoiceCode).toBe('');
          break;
        case 'matched':
          expect(blues).toHaveLength(1);
          expect([r.invoiceCode, r.invoiceNum, r.pdfUrl]).toEqual([blues[0]?.invoiceCode, blues[0]?.invoiceNum, blues[0]?.invoicePdfUrl]);
          break;
        case 'amount_mismatch':
          expect(absFen(blues[0]?.invoiceAmount ?? '')).not.toBe(r.amountFen);
          break;
        case 'number_mismatch':
          expect(r.invoiceCode).toBe(blues[0]?.invoiceCode);
          expect(r.invoiceNum).not.toBe(blues[0]?.invoiceNum);
          expect(r.invoiceNum).toMatch(/^\d{8}$/);
          break;
        case 'reversed':
        case 'reissued':
          expect(reds).toHaveLength(1);
          expect(blues).toHaveLength(kind === 'reversed' ? 1 : 2);
          expect([reds[0]?.oldInvoiceCode, reds[0]?.oldInvoiceNum]).toEqual([blues[0]?.invoiceCode, blues[0]?.invoiceNum]);
          expect(absFen(reds[0]?.invoiceAmount ?? '')).toBe(r.amountFen);
          break;
        case 'split':
          expect(blues).toHaveLength(2);
          expect(new Set(blues.map((b) => b.orderItemId)).size).toBe(2);
          expect(blues.reduce((sum, b) => sum + absFen(b.invoiceAmount), 0)).toBe(r.amountFen);
          break;
        case 'not_issued':
          expect(s.invoicesByOrder.has(r.orderNo)).toBe(false);
          break;
        case 'red_without_blue':
          expect(blues).toHaveLength(0);
          expect(reds).toHaveLength(1);
          expect(numbers.has(`${reds[0]?.oldInvoiceCode}/${reds[0]?.oldInvoiceNum}`)).toBe(false);
          break;
        case undefined:
          throw new Error(`order ${r.orderNo} has no case`);
      }
    }
    expect(invoiceNos.size).toBe(s.erpRecords.length);
    expect(new Set(s.erpRecords.map((r) => r.orderNo)).size).toBe(s.erpRecords.length);
  });

  it('writes amounts in every form the platform uses, reds signed and unsigned', () => {
    const s = generateSeed({ orders: 3000, seed: 5 });
    const all = [...s.invoicesByOrder.values()].flat();
    expect(all.some((i) => /^\d+$/.test(i.invoiceAmount))).toBe(true);
    expect(all.some((i) => /^\d+\.\d$/.test(i.invoiceAmount))).toBe(true);
    expect(all.some((i) => /^\d+\.\d\d$/.test(i.invoiceAmount))).toBe(true);
    const reds = all.filter((i) => i.invoiceType === '-1');
    expect(reds.some((i) => i.invoiceAmount.startsWith('-'))).toBe(true);
    expect(reds.some((i) => !i.invoiceAmount.startsWith('-'))).toBe(true);
    expect(all.some((i) => i.invoiceNum.startsWith('0'))).toBe(true);
    expect(all.filter(isBlue).every((i) => i.oldInvoiceNum === undefined)).toBe(true);
  });

  it('generates 100,000 orders', () => {
    const s = generateSeed({ orders: 100_000, seed: 1 });
    expect(s.erpRecords).toHaveLength(100_000);
  });

  it('refuses impossible options with a bilingual message', () => {
    expect(() => generateSeed({ orders: -1, seed: 1 })).toThrow(/订单数.*orders must be/);
    expect(() => generateSeed({ orders: 1.5, seed: 1 })).toThrow(/orders/);
    expect(() => generateSeed({ orders: 1, seed: Number.NaN })).toThrow(/seed/);
    expect(() => generateSeed({ orders: 1, seed: 1, saleOrg: '' })).toThrow(/saleOrg/);
  });
});
