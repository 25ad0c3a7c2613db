// Main process. The ERP invoice list as a clerk exports it from Wangdiantong: UTF-8 with BOM (so Excel on Chinese
// Windows opens it right), CRLF, the ERP's Chinese headers, amounts in yuan with two decimals.
import { stringify } from 'csv-stringify/sync';
import { formatFen } from '../../shared/domain/money';
import type { ErpRecord } from './types';

export const ERP_CSV_HEADER = [
  '发票编号',
  '订单号',
  '单号类型',
  '店铺',
  '商户编码',
  '购方抬头',
  '金额',
  '税额',
  '开票日期',
  '发票代码',
  '发票号码',
  '下载地址',
  '状态',
  '错误信息',
] as const;

export function erpRecordsToCsv(records: Iterable<ErpRecord>): Buffer {
  const rows: string[][] = [[...ERP_CSV_HEADER]];
  for (const r of records) {
    rows.push([
      r.invoiceNo,
      r.orderNo,
      r.billType,
      r.shop,
      r.saleOrg,
      r.buyerTitle,
      formatFen(r.amountFen),
      formatFen(r.taxAmountFen),
      r.invoiceDate,
      r.invoiceCode,
      r.invoiceNum,
      r.pdfUrl,
      String(r.status),
      r.errorInfo,
    ]);
  }
  return Buffer.from(stringify(rows, { bom: true, record_delimiter: 'windows' }), 'utf8');
}
