// Runs everywhere. Money is integer fen (分); strings are parsed exactly, never through a float.

/** Result of parsing a money string: fen, or why it is not money. */
export type MoneyParse = { ok: true; fen: number } | { ok: false; reason: { zh: string; en: string } };

const MONEY_RE = /^([+-])?(\d+)(?:\.(\d*))?$/;

/**
 * Parses yuan text such as `100`, `100.5`, `-90.00`, `1,234.56`, `¥12` into integer fen.
 * More than two decimals is accepted only when the extra digits are zeros (`1.230`), otherwise refused:
 * rounding would silently change a clerk's number.
 */
export function parseYuanToFen(input: string): MoneyParse {
  const text = input.trim().replace(/^[¥￥]/, '').replace(/,/g, '').trim();
  const m = MONEY_RE.exec(text);
  if (!m) {
    return { ok: false, reason: { zh: `“${input}” 不是金额`, en: `"${input}" is not an amount` } };
  }
  const sign = m[1] === '-' ? -1 : 1;
  const whole = m[2] ?? '0';
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > 2) {
    return { ok: false, reason: { zh: `“${input}” 超过两位小数`, en: `"${input}" has more than two decimals` } };
  }
  const fenText = whole.replace(/^0+(?=\d)/, '') + frac.padEnd(2, '0');
  const fen = Number(fenText);
  if (!Number.isSafeInteger(fen)) {
    return { ok: false, reason: { zh: `“${input}” 超出可处理范围`, en: `"${input}" is out of range` } };
  }
  return { ok: true, fen: sign * fen === 0 ? 0 : sign * fen };
}

/** Like parseYuanToFen but throws; for data already validated. */
export function yuanToFen(input: string): number {
  const r = parseYuanToFen(input);
  if (!r.ok) throw new RangeError(r.reason.en);
  return r.fen;
}

/** Formats fen as yuan with exactly two decimals: -9000 → "-90.00". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`fen must be a safe integer, got ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${yuan}.${cents.toString().padStart(2, '0')}`;
}

/** Formats fen for display with thousands separators: 123456789 → "1,234,567.89". */
export function formatFenGrouped(fen: number): string {
  const plain = formatFen(fen);
  const [intPart, dec] = plain.split('.');
  const sign = intPart?.startsWith('-') ? '-' : '';
  const digits = (intPart ?? '').replace('-', '');
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${dec ?? '00'}`;
}
