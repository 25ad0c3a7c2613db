// Main process. The <row> XML of one XLSX data row, byte for byte what exceljs's streaming writer emits for
// the same values and style ids. Building exceljs Row and Cell objects per row and serialising them through
// its XmlStream took most of a 100,000-row export (and most of its garbage); a template string does not.

/** What a cell holds: text is written as a string cell, a number as a number, null as a styled empty cell. */
export type SheetCell = string | number | null;

/**
 * Cells that may hold a character exceljs's xmlEncode rewrites or drops (a superset: every control
 * character); most hold none, so one test skips the loop below, which decides exactly.
 */
const NEEDS_ENCODING = /[<>&'"\p{Cc}]/u;

/**
 * XML text or attribute value as exceljs writes it: the five predefined entities, and the control characters
 * XML 1.0 forbids (and DEL) removed rather than escaped, since no escape for them is valid.
 */
export function xmlEncode(text: string): string {
  if (!NEEDS_ENCODING.test(text)) return text;
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    let sub: string;
    switch (c) {
      case 0x22: sub = '&quot;'; break;
      case 0x26: sub = '&amp;'; break;
      case 0x27: sub = '&apos;'; break;
      case 0x3c: sub = '&lt;'; break;
      case 0x3e: sub = '&gt;'; break;
      case 0x7f: sub = ''; break;
      default:
        if (c <= 0x1f && c !== 0x09 && c !== 0x0a && c !== 0x0d) {
          sub = '';
          break;
        }
        continue;
    }
    out += text.slice(from, i) + sub;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** Spreadsheet column name of a 1-based column number: 1 → A, 26 → Z, 27 → AA. */
export function columnName(n: number): string {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  return name;
}

/** Renders rows of a fixed column layout; the per-column parts of each cell tag are built once. */
export class SheetRowRenderer {
  private readonly names: readonly string[];
  private readonly styleAttrs: readonly string[];
  private readonly spans: string;

  /** `styleIds[i]` is the workbook style id of column i + 1 (0: the default style, written without `s`). */
  constructor(styleIds: readonly number[]) {
    this.names = styleIds.map((_, i) => columnName(i + 1));
    this.styleAttrs = styleIds.map((id) => (id ? ` s="${id}"` : ''));
    this.spans = `1:${styleIds.length}`;
  }

  /**
   * The `<row>` element for 1-based row `rowNumber`, or '' when exceljs would skip it (every cell null).
   * exceljs gives spans by the first and last cell it writes; every column here has a style, so a styled
   * null cell is still written, and spans is always the full width unless column 1 is unstyled and null.
   */
  render(rowNumber: number, cells: readonly SheetCell[]): string {
    let body = '';
    let hasValue = false;
    let first = 0;
    let last = 0;
    for (let i = 0; i < cells.length; i += 1) {
      const v = cells[i] ?? null;
      const style = this.styleAttrs[i] ?? '';
      if (v === null && style === '') continue;
      if (first === 0) first = i + 1;
      last = i + 1;
      const head = `<c r="${this.names[i] ?? columnName(i + 1)}${rowNumber}"${style}`;
      if (v === null) {
        body += `${head}/>`;
      } else if (typeof v === 'number') {
        hasValue = true;
        body += `${head}><v>${xmlEncode(String(v))}</v></c>`;
      } else {
        hasValue = true;
        body += `${head} t="str"><v>${xmlEncode(v)}</v></c>`;
      }
    }
    if (!hasValue) return '';
    const spans = first === 1 && last === cells.length ? this.spans : `${first}:${last}`;
    return `<row r="${rowNumber}" spans="${spans}" x14ac:dyDescent="0.25">${body}</row>`;
  }
}
