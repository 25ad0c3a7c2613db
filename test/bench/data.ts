// Benchmark (plain Node). The bench's own data, generated deterministically from (size, seed): the ERP
// export as a clerk's CSV in UTF-8 and GB18030, and the same records made ready to submit.
import iconv from 'iconv-lite';
import { generateSeed, type SeedData } from '../../electron/sandbox/seed';
import { erpRecordsToCsv } from '../../electron/sandbox/erp-csv';
import type { ErpRecord } from '../../electron/sandbox/types';
import type { WdtUpdate } from './sdk-baseline';

export function seedData(orders: number, seed: number): SeedData {
  return generateSeed({ orders, seed });
}

export function csvUtf8(records: readonly ErpRecord[]): Buffer {
  return erpRecordsToCsv(records);
}

/** The same file as Excel on Chinese Windows saves it ("CSV (逗号分隔)"): GB18030, no BOM. */
export function csvGb18030(records: readonly ErpRecord[]): Buffer {
  const text = erpRecordsToCsv(records).toString('utf8').replace(/^\uFEFF/, '');
  return iconv.encode(text, 'gb18030');
}

/**
 * The first `count` records with their invoice results filled in, so every one is a valid update to send:
 * the order's first blue invoice from Suning where there is one, otherwise a 数电票 number (no code).
 */
export function submitReadyRecords(data: SeedData, count: number): ErpRecord[] {
  return data.erpRecords.slice(0, count).map((r, i) => {
    if (r.invoiceNum !== '') return r;
    const blue = (data.invoicesByOrder.get(r.orderNo) ?? []).find((inv) => inv.invoiceType === '1');
    if (blue) return { ...r, invoiceCode: blue.invoiceCode, invoiceNum: blue.invoiceNum, pdfUrl: blue.invoicePdfUrl ?? '' };
    return { ...r, invoiceCode: '', invoiceNum: `2632${String(i + 1).padStart(16, '0')}`, pdfUrl: `https://fp.example.cn/dzfp/${i + 1}.pdf` };
  });
}

/** What the app's payloadOf() sends for such a record, as the SDK caller would pass it. */
export function wdtUpdateOf(r: ErpRecord): WdtUpdate {
  return {
    invoice_no: r.invoiceNo,
    status: String(r.status),
    invoice_code: r.invoiceCode,
    invoice_no_out: r.invoiceNum,
    error_info: r.errorInfo,
    file_path: r.pdfUrl,
  };
}

/** Every k-th item so that `size` of them are taken evenly from the whole list (deterministic). */
export function evenSubset<T>(items: readonly T[], size: number): T[] {
  if (size >= items.length) return [...items];
  const step = items.length / size;
  const out: T[] = [];
  for (let i = 0; i < size; i++) {
    const item = items[Math.floor(i * step)];
    if (item !== undefined) out.push(item);
  }
  return out;
}
