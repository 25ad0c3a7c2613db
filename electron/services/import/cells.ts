// Main process. Cell-level rules for imported text: Excel's ="…" text wrappers, formulas, values Excel
// damaged (scientific notation, error values), lengths in code points, dates, statuses.
import type { BillType, WdtStatus } from '../../../shared/domain/invoice';

const EXCEL_TEXT = /^="((?:[^"]|"")*)"$/s;

/** `="0321…"` is how clerks (and our exports) keep digits as text in Excel; the value is the text inside. */
export function unwrapExcelText(v: string): string {
  if (v.charCodeAt(0) !== 0x3d /* = */) return v;
  const m = EXCEL_TEXT.exec(v);
  return m ? (m[1] ?? '').replace(/""/g, '"') : v;
}

/** Whitespace Excel users leave around values, including full-width and non-breaking spaces. */
export function cleanCell(v: string): string {
  // Fast path: most cells have nothing to trim or unwrap (this runs for every cell of 100k-row files).
  if (v === '' || (!isSpace(v.charCodeAt(0)) && !isSpace(v.charCodeAt(v.length - 1)) && v.charCodeAt(0) !== 0x3d /* = */)) return v;
  return unwrapExcelText(v.replace(TRIM, '')).replace(TRIM, '');
}

const TRIM = /^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/g;

function isSpace(c: number): boolean {
  return c <= 0x20 || c === 0x3000 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x1680 || c === 0x85;
}

export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

const EXCEL_ERRORS = new Set(['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA']);
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;

export type CellDamage = 'formula' | 'excel_error' | 'scientific' | null;

/** What Excel did to a cell, if anything. Identifier columns are also refused when they begin with a sign or @. */
export function cellDamage(v: string, isIdentifier: boolean): CellDamage {
  if (v === '') return null;
  const first = v.charCodeAt(0);
  if (first === 0x23 /* # */ && EXCEL_ERRORS.has(v.toUpperCase())) return 'excel_error';
  if (first === 0x3d /* = */ || first === 0x40 /* @ */) return 'formula';
  if (isIdentifier) {
    if ((v.includes('E') || v.includes('e')) && SCIENTIFIC.test(v)) return 'scientific';
    if (first === 0x2b /* + */ || first === 0x2d /* - */) return 'formula';
  }
  return null;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : (DAYS_IN_MONTH[m - 1] ?? 0));
}

const DATE_PATTERNS: readonly RegExp[] = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

/** YYYY-MM-DD from the forms clerks' files contain, or null. */
export function parseDate(v: string): string | null {
  // Fast path: already YYYY-MM-DD.
  if (v.length === 10 && v.charCodeAt(4) === 0x2d && v.charCodeAt(7) === 0x2d) {
    const y = Number(v.slice(0, 4));
    const m = Number(v.slice(5, 7));
    const d = Number(v.slice(8, 10));
    if (Number.isInteger(y) && Number.isInteger(m) && Number.isInteger(d) && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      return isRealDate(y, m, d) ? v : null;
    }
  }
  for (const re of DATE_PATTERNS) {
    const m = re.exec(v);
    if (!m) continue;
    const y = Number(m[1]);
    const mo = Number(m[2]);
    const d = Number(m[3]);
    if (!isRealDate(y, mo, d)) return null;
    return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  return null;
}

const BILL_TYPES: Readonly<Record<string, BillType>> = { '01': '01', '02': '02', '03': '03', '04': '04', '1': '01', '2': '02', '3': '03', '4': '04' };

/** '' → '01' (the default); Excel's "1" for "01" is accepted. */
export function parseBillType(v: string): BillType | null {
  if (v === '') return '01';
  return BILL_TYPES[v] ?? null;
}

const STATUSES: Readonly<Record<string, WdtStatus>> = {
  '65': 65, '75': 75, '80': 80, 开票申请失败: 65, 开票失败: 75, 开票成功: 80,
};

/** '' → 80 (开票成功, the API's default). */
export function parseStatus(v: string): WdtStatus | null {
  if (v === '') return 80;
  return STATUSES[v] ?? null;
}
