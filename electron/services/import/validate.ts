// Main process. Turns table rows into invoice records, or into row-level problems the clerk can fix:
// {row, column, value, reason (zh), reasonEn}. A row with any problem is not imported.
import { IMPORT_FIELDS, type ImportField } from '../../../shared/api/schemas';
import { IMPORT_FIELD_LABELS } from '../../../shared/domain/import-headers';
import { parseYuanToFen, type MoneyParse } from '../../../shared/domain/money';
import { freeTextProblem, identifierProblem } from '../../../shared/domain/safe-text';
import { readWebLink } from '../../../shared/domain/web-link';
import type { InvoiceInput } from '../../db/repositories/invoices';
import { cellDamage, cleanCell, codePoints, parseBillType, parseDate, parseStatus } from './cells';
import type { ImportMapping } from './mapping';
import type { RawTable } from './table';

export interface RowError {
  readonly row: number;
  readonly column: string;
  readonly value: string;
  readonly reason: string;
  readonly reasonEn: string;
}

export interface ValidRow {
  readonly row: number;
  readonly input: InvoiceInput;
}

export interface Validation {
  readonly valid: ValidRow[];
  readonly invalid: RowError[];
  /** Data rows examined (blank rows excluded). */
  readonly rowCount: number;
}

const MAX_LEN: Readonly<Partial<Record<ImportField, number>>> = {
  invoiceNo: 20,
  orderNo: 64,
  shop: 100,
  saleOrg: 64,
  buyerTitle: 200,
  invoiceCode: 20,
  invoiceNum: 40,
  errorInfo: 255,
  pdfUrl: 1024,
};

/** Columns whose values are identifiers: Excel's number formatting destroys them. */
const IDENTIFIERS: ReadonlySet<ImportField> = new Set(['invoiceNo', 'orderNo', 'invoiceCode', 'invoiceNum', 'saleOrg']);

const TEXT_FIELDS = ['invoiceNo', 'orderNo', 'shop', 'saleOrg', 'buyerTitle', 'invoiceCode', 'invoiceNum', 'pdfUrl', 'errorInfo'] as const;

const PLAIN_MONEY = /^(-?)(\d{1,13})(?:\.(\d{1,2}))?$/;

/** parseYuanToFen, with a fast path for the plain "123.45" form most cells have (integer arithmetic only). */
function parseMoney(text: string): MoneyParse {
  const m = PLAIN_MONEY.exec(text);
  if (!m) return parseYuanToFen(text);
  const frac = m[3] ?? '';
  const fen = Number(m[2]) * 100 + (frac === '' ? 0 : frac.length === 1 ? Number(frac) * 10 : Number(frac));
  return { ok: true, fen: m[1] === '-' && fen !== 0 ? -fen : fen };
}

function shown(v: string): string {
  return v.length > 200 ? `${v.slice(0, 200)}…` : v;
}

/** Each field's place in the per-row value array (a row's values are read by position, not by key). */
const SLOT: Readonly<Record<ImportField, number>> = Object.fromEntries(IMPORT_FIELDS.map((f, i) => [f, i])) as Record<ImportField, number>;

export function validateTable(table: RawTable, mapping: ImportMapping): Validation {
  const index = new Map<ImportField, number>();
  for (const [field, header] of Object.entries(mapping) as [ImportField, string | undefined][]) {
    if (header === undefined) continue;
    const i = table.headers.indexOf(header);
    if (i >= 0) index.set(field, i);
  }
  const width = table.headers.length;
  const invalid: RowError[] = table.broken.map((b) => ({ row: b.row, column: '', value: b.value, reason: b.reason, reasonEn: b.reasonEn }));
  const candidates: ValidRow[] = [];

  // Resolved once, not per cell of 100,000 rows × 16 columns: each mapped field's column, slot and kind, and
  // each text field's limits.
  const plan = [...index.entries()].map(([field, at]) => ({ field, at, slot: SLOT[field], identifier: IDENTIFIERS.has(field) }));
  const textChecks = TEXT_FIELDS.map((field) => ({
    field,
    slot: SLOT[field],
    max: MAX_LEN[field],
    required: (field === 'invoiceNo' || field === 'orderNo') && index.has(field),
    // Identifiers refuse hidden characters, the PDF link must be a web link, other text no lone surrogate.
    rule: IDENTIFIERS.has(field) ? ('identifier' as const) : field === 'pdfUrl' ? ('link' as const) : ('text' as const),
  }));
  const cellOf = (cells: readonly string[], f: ImportField): string => {
    const i = index.get(f);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const problem = (errors: RowError[], row: number, field: ImportField | null, value: string, zh: string, en: string): void => {
    errors.push({ row, column: field ? (mapping[field] ?? '') : '', value: shown(value), reason: zh, reasonEn: en });
  };
  /** Bit of each damaged field (an Excel-damaged cell is reported once, not again by the checks after it). */
  const isDamaged = (damaged: number, f: ImportField): boolean => (damaged & (1 << SLOT[f])) !== 0;
  // The cleaned values of the current row by slot ('' when unmapped or damaged), reused row after row.
  const text: string[] = IMPORT_FIELDS.map(() => '');

  for (const { row, cells } of table.rows) {
    const errors: RowError[] = [];
    if (cells.length !== width && !(cells.length > width && cells.slice(width).every((c) => c.trim() === ''))) {
      problem(errors, row, null, cells.join(','), `这一行有 ${cells.length} 列，表头有 ${width} 列（可能有多余或缺少的逗号）`,
        `This row has ${cells.length} fields but the header has ${width} (a comma too many or too few?)`);
      invalid.push(...errors);
      continue;
    }

    text.fill('');
    let damaged = 0;
    for (let k = 0; k < plan.length; k++) {
      const { field: f, at, slot, identifier } = plan[k] as (typeof plan)[number];
      const rawValue = cells[at] ?? '';
      const v = cleanCell(rawValue);
      const damage = cellDamage(v, identifier);
      if (damage === null) {
        text[slot] = v;
        continue;
      }
      damaged |= 1 << slot;
      const label = IMPORT_FIELD_LABELS[f];
      switch (damage) {
        case 'formula':
          problem(errors, row, f, rawValue, `${label.zh}看起来是 Excel 公式，为防止公式注入不予导入`, `${label.en} looks like an Excel formula; refused to prevent formula injection`);
          break;
        case 'excel_error':
          problem(errors, row, f, rawValue, `${label.zh}是 Excel 错误值 ${v}（公式出错后保存的结果）`, `${label.en} is the Excel error value ${v} (a failed formula was saved)`);
          break;
        case 'scientific':
          problem(errors, row, f, rawValue, `${label.zh}被 Excel 改成了科学计数法，原来的数字已经丢失；请把该列设为“文本”后重新导出`,
            `Excel turned ${label.en} into scientific notation and the original digits are lost; format the column as Text and export again`);
          break;
        default: {
          const never: never = damage;
          throw new Error(`unhandled damage ${String(never)}`);
        }
      }
    }

    for (let k = 0; k < textChecks.length; k++) {
      const { field: f, slot, max, required, rule } = textChecks[k] as (typeof textChecks)[number];
      if ((damaged & (1 << slot)) !== 0) continue;
      let v = text[slot] as string;
      if (required && v === '') {
        const label = IMPORT_FIELD_LABELS[f];
        problem(errors, row, f, cellOf(cells, f), `${label.zh}为空（必填）`, `${label.en} is empty (required)`);
        continue;
      }
      if (v !== '') {
        if (rule === 'link') {
          const link = readWebLink(v);
          if (!link.ok) {
            const label = IMPORT_FIELD_LABELS[f];
            problem(errors, row, f, cellOf(cells, f), `${label.zh}：${link.reason.zh}`, `${label.en}: ${link.reason.en}`);
            continue;
          }
          // Stored as read: a scheme-less www.… becomes https://www.…
          v = link.url;
          text[slot] = v;
        } else {
          const bad = rule === 'identifier' ? identifierProblem(IMPORT_FIELD_LABELS[f], v) : freeTextProblem(IMPORT_FIELD_LABELS[f], v);
          if (bad !== null) {
            problem(errors, row, f, cellOf(cells, f), bad.zh, bad.en);
            continue;
          }
        }
      }
      // Code points never exceed UTF-16 units, so short strings need no count.
      if (max !== undefined && v.length > max) {
        const len = codePoints(v);
        if (len > max) {
          const label = IMPORT_FIELD_LABELS[f];
          problem(errors, row, f, cellOf(cells, f), `${label.zh}超过 ${max} 个字符（现有 ${len} 个）`, `${label.en} is longer than ${max} characters (${len})`);
        }
      }
    }

    let amountFen = 0;
    const amountText = text[SLOT.amount] as string;
    if (!isDamaged(damaged, 'amount')) {
      if (amountText === '') problem(errors, row, 'amount', cellOf(cells, 'amount'), '金额为空（必填）', 'amount is empty (required)');
      else {
        const p = parseMoney(amountText);
        if (p.ok) amountFen = p.fen;
        else problem(errors, row, 'amount', cellOf(cells, 'amount'), `金额：${p.reason.zh}`, `amount: ${p.reason.en}`);
      }
    }
    let taxAmountFen: number | null = null;
    const taxText = text[SLOT.taxAmount] as string;
    if (taxText !== '') {
      const p = parseMoney(taxText);
      if (p.ok) taxAmountFen = p.fen;
      else problem(errors, row, 'taxAmount', cellOf(cells, 'taxAmount'), `税额：${p.reason.zh}`, `tax amount: ${p.reason.en}`);
    }
    let invoiceDate: string | null = null;
    const dateText = text[SLOT.invoiceDate] as string;
    if (dateText !== '') {
      invoiceDate = parseDate(dateText);
      if (invoiceDate === null) {
        problem(errors, row, 'invoiceDate', cellOf(cells, 'invoiceDate'), `开票日期“${shown(dateText)}”不是有效日期（应为 YYYY-MM-DD）`, `invoice date "${shown(dateText)}" is not a valid date (expected YYYY-MM-DD)`);
      }
    }
    const billTypeText = text[SLOT.billType] as string;
    const billType = parseBillType(billTypeText);
    if (billType === null && !isDamaged(damaged, 'billType')) {
      problem(errors, row, 'billType', cellOf(cells, 'billType'), `单号类型“${shown(billTypeText)}”无效，只能是 01、02、03、04`, `bill type "${shown(billTypeText)}" is invalid; use 01, 02, 03 or 04`);
    }
    const statusText = text[SLOT.targetStatus] as string;
    const status = parseStatus(statusText);
    if (status === null && !isDamaged(damaged, 'targetStatus')) {
      problem(errors, row, 'targetStatus', cellOf(cells, 'targetStatus'), `状态“${shown(statusText)}”无效，只能是 65（开票申请失败）、75（开票失败）、80（开票成功）`,
        `status "${shown(statusText)}" is invalid; use 65 (application failed), 75 (invoicing failed) or 80 (invoiced)`);
    }

    if (errors.length > 0 || billType === null || status === null) {
      invalid.push(...errors);
      continue;
    }
    candidates.push({
      row,
      input: {
        invoiceNo: text[SLOT.invoiceNo] as string,
        orderNo: text[SLOT.orderNo] as string,
        billType,
        shop: text[SLOT.shop] as string,
        saleOrg: text[SLOT.saleOrg] as string,
        buyerTitle: text[SLOT.buyerTitle] as string,
        amountFen,
        taxAmountFen,
        invoiceDate,
        invoiceCode: text[SLOT.invoiceCode] as string,
        invoiceNum: text[SLOT.invoiceNum] as string,
        pdfUrl: text[SLOT.pdfUrl] as string,
        targetStatus: status,
        errorInfo: text[SLOT.errorInfo] as string,
      },
    });
  }

  const valid = rejectDuplicates(table, mapping, candidates, invalid);
  invalid.sort((a, b) => a.row - b.row);
  return { valid, invalid, rowCount: table.rows.length };
}

/** Rows sharing an invoice number are all refused: which one is right is the clerk's call. */
function rejectDuplicates(table: RawTable, mapping: ImportMapping, candidates: readonly ValidRow[], invalid: RowError[]): ValidRow[] {
  // Invalid rows count too: a broken duplicate still means the file disagrees with itself.
  const noIndex = mapping.invoiceNo !== undefined ? table.headers.indexOf(mapping.invoiceNo) : -1;
  if (noIndex < 0) return [...candidates];
  const numbers = table.rows.map((r) => cleanCell(r.cells[noIndex] ?? ''));
  // Most files have no duplicate: find that out with one hash operation per number before mapping rows.
  const distinct = new Set<string>();
  let blanks = 0;
  for (const no of numbers) {
    if (no === '') blanks++;
    else distinct.add(no);
  }
  if (distinct.size + blanks === numbers.length) return [...candidates];
  const rowsByNo = new Map<string, number[] | number>();
  let anyDuplicate = false;
  numbers.forEach((no, k) => {
    if (no === '') return;
    const row = table.rows[k]?.row ?? 0;
    const seen = rowsByNo.get(no);
    if (seen === undefined) rowsByNo.set(no, row);
    else {
      anyDuplicate = true;
      rowsByNo.set(no, typeof seen === 'number' ? [seen, row] : [...seen, row]);
    }
  });
  if (!anyDuplicate) return [...candidates];
  const out: ValidRow[] = [];
  const column = mapping.invoiceNo ?? '';
  for (let k = 0; k < table.rows.length; k++) {
    const no = numbers[k] ?? '';
    const row = table.rows[k]?.row ?? 0;
    const rows = rowsByNo.get(no);
    if (rows === undefined || typeof rows === 'number') continue;
    invalid.push({
      row, column, value: shown(no),
      reason: `发票编号 ${no} 在文件中重复出现（第 ${rows.join('、')} 行），这些行都未导入`,
      reasonEn: `Invoice number ${no} appears more than once in the file (rows ${rows.join(', ')}); none of them was imported`,
    });
  }
  for (const c of candidates) {
    if (typeof rowsByNo.get(c.input.invoiceNo) === 'number') out.push(c);
  }
  return out;
}
