import { describe, expect, it } from 'vitest';
import { FILE_CASES, FILE_CASE_MIX, FILE_WALK_THROUGH, fileKeyOf, generateSeed, type FileCase } from '../../../electron/sandbox/seed';

describe('seed: the files behind the links', () => {
  it('gives every invoice a file, the same for the same seed', () => {
    const a = generateSeed({ orders: 3000, seed: 4 });
    const b = generateSeed({ orders: 3000, seed: 4 });
    const invoices = [...a.invoicesByOrder.values()].flat();
    expect(a.files.size).toBe(invoices.length);
    for (const inv of invoices) expect(a.files.get(fileKeyOf(inv))?.invoice).toBe(inv);
    expect([...b.files].map(([k, f]) => [k, f.fileCase])).toEqual([...a.files].map(([k, f]) => [k, f.fileCase]));
  });

  it('changes nothing of the orders when the links point at the emulator, only the links', () => {
    const plain = generateSeed({ orders: 500, seed: 9 });
    const served = generateSeed({ orders: 500, seed: 9, fileOrigin: 'http://127.0.0.1:4567' });
    const noLink = <T extends { pdfUrl?: string; invoicePdfUrl?: string }>(x: T): T => ({ ...x, pdfUrl: '', invoicePdfUrl: '' });
    expect(served.erpRecords.map(noLink)).toEqual(plain.erpRecords.map(noLink));
    expect([...served.invoicesByOrder.values()].flat().map(noLink)).toEqual([...plain.invoicesByOrder.values()].flat().map(noLink));
    expect([...served.files.values()].map((f) => f.fileCase)).toEqual([...plain.files.values()].map((f) => f.fileCase));
    for (const inv of [...served.invoicesByOrder.values()].flat()) expect(inv.invoicePdfUrl).toBe(`http://127.0.0.1:4567/dzfp/${fileKeyOf(inv)}.pdf`);
  });

  it('walks through every file case in the first invoices, keeping the 数电票 ok', () => {
    const s = generateSeed({ orders: 10, seed: 3 });
    const files = [...s.files.values()];
    expect(files.slice(0, FILE_WALK_THROUGH.length).map((f) => f.fileCase)).toEqual([...FILE_WALK_THROUGH]);
    expect(new Set(FILE_WALK_THROUGH)).toEqual(new Set(FILE_CASES));
    expect(files.filter((f) => f.invoice.invoiceCode === '').every((f) => f.fileCase === 'ok')).toBe(true);
  });

  it('draws the documented file mix', () => {
    const s = generateSeed({ orders: 30_000, seed: 1 });
    const counts = new Map<FileCase, number>();
    const files = [...s.files.values()].slice(FILE_WALK_THROUGH.length);
    for (const f of files) counts.set(f.fileCase, (counts.get(f.fileCase) ?? 0) + 1);
    for (const [c, perMille] of Object.entries(FILE_CASE_MIX) as [FileCase, number][]) {
      const expected = (perMille / 1000) * files.length;
      expect(Math.abs((counts.get(c) ?? 0) - expected), c).toBeLessThan(expected * 0.35);
    }
  });
});
