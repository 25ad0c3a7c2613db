// Test support (plain Node). A large ERP export made quickly and deterministically: the ERP's headers, UTF-8
// with BOM, CRLF, Chinese shop and buyer names, every invoice number unique. About 130 bytes a row, like the
// real export (the seed generator's 1,000,000 orders take ~10 s and 2.5 GB; this takes ~1 s and the file).
import { ERP_CSV_HEADER } from '../../electron/sandbox/erp-csv';

const SHOPS = ['星河母婴旗舰店', '苏宁易购自营店', '南京数码专营店', '华东家电旗舰店'] as const;
const BUYERS = ['南京某某科技有限公司', '个人', '上海某某贸易有限公司', '杭州某某网络科技有限公司'] as const;

export function largeErpCsv(rows: number): Buffer {
  const chunks: Buffer[] = [Buffer.from(`\uFEFF${ERP_CSV_HEADER.join(',')}\r\n`, 'utf8')];
  const BATCH = 20_000;
  for (let from = 0; from < rows; from += BATCH) {
    const lines: string[] = [];
    for (let i = from; i < Math.min(rows, from + BATCH); i++) {
      const fen = 1000 + ((i * 7919) % 9_000_000);
      const tax = Math.round(fen * 0.13);
      const day = String(1 + (i % 28)).padStart(2, '0');
      lines.push([
        `DZ20260101${String(i + 1).padStart(8, '0')}`, String(100_000_000 + i), '01', SHOPS[i % 4], '10001', BUYERS[i % 4],
        (fen / 100).toFixed(2), (tax / 100).toFixed(2), `2026-01-${day}`, '', '', '', '80', '',
      ].join(','));
    }
    chunks.push(Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8'));
  }
  return Buffer.concat(chunks);
}
