// Main process. Makes CSV cells safe and faithful when a clerk opens the file in Excel (Chinese Windows).

/** Digit runs Excel would mangle: ≥ 11 digits (shown as 3.2E+11, precision lost past 15) or a leading zero. */
const MANGLED_DIGITS = /^(?:\d{11,}|0\d+)$/;
/**
 * First characters that make Excel, LibreOffice or Numbers read a cell as a formula or a DDE call (OWASP
 * "CSV injection"), including the full-width forms some spreadsheet apps normalise to ASCII.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;
/**
 * A plain negative decimal such as `-90.00` (a red invoice's amount). Excel parses it as a number constant:
 * with nothing but digits and one dot it cannot name a function, a reference or a DDE target, so leaving it
 * unprefixed keeps amounts readable and summable while `-2+3`, `-1e3`, `-A1` are still neutralised.
 */
const RISKY_FIRST: ReadonlySet<number> = new Set([0x3d, 0x2b, 0x2d, 0x40, 0x09, 0x0d, 0x0a, 0xff1d, 0xff0b, 0xff0d, 0xff20]);
const NEGATIVE_NUMBER = /^-\d+(?:\.\d+)?$/;

/** The text a CSV cell should hold so Excel shows `value` as the clerk expects and never evaluates it. */
export function protectCell(value: string): string {
  if (value === '') return value;
  // Called for every cell of 100,000-row exports: decide on the first character before any regex.
  const first = value.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39) {
    if ((value.length >= 11 || (first === 0x30 && value.length > 1)) && MANGLED_DIGITS.test(value)) return `="${value}"`;
    return value;
  }
  if (RISKY_FIRST.has(first) && FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value)) return `'${value}`;
  return value;
}

const TEXT_FORMULA = /^="(\d+)"$/;
const NEUTRALISED = /^'[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * Undoes protectCell for a file exported here and re-imported. A value that genuinely began with `'=` is
 * indistinguishable from a neutralised one; importing it without the quote is the lesser surprise.
 */
export function unprotectCell(text: string): string {
  const m = TEXT_FORMULA.exec(text);
  if (m) return m[1] ?? '';
  if (NEUTRALISED.test(text)) return text.slice(1);
  return text;
}
