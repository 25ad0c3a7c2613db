// Main process. Turns the bytes of an imported file into text, deciding the encoding the way Excel users
// need: BOM first, then strict UTF-8, then GB18030 — and says how it decided, so the clerk can override. A file
// that is UTF-8 but for some lines stays UTF-8 with those lines named (never re-read whole as GB18030).
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors';

export type FileFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'gb18030';
export type EncodingChoice = 'auto' | TextEncoding;
/** utf8-invalid-rows: UTF-8 (by its BOM or its content) except for some lines, which are reported, not guessed. */
export type EncodingSource = 'bom' | 'utf8-valid' | 'utf8-invalid-rows' | 'gb18030-fallback' | 'user';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  readonly encodingSource: EncodingSource;
  /**
   * 1-based lines (counted by LF) holding bytes that do not decode in `encoding`; each came out as U+FFFD and
   * its row is reported instead of imported (undecodable.ts).
   */
  readonly undecodableLines: readonly number[];
}

/** XLSX is a ZIP container: local file header magic PK\x03\x04. */
export function detectFormat(bytes: Uint8Array): FileFormat {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04 ? 'xlsx' : 'csv';
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

export function decodeText(bytes: Uint8Array, choice: EncodingChoice = 'auto'): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new AppError('import.encoding', {
      zh: '文件是 UTF-16 编码（Excel“Unicode 文本”），无法导入。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后重试。',
      en: 'The file is UTF-16 (Excel "Unicode Text") and cannot be imported. Save it from Excel as "CSV UTF-8 (Comma delimited)" or .xlsx and try again.',
    });
  }
  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = hasBom ? bytes.subarray(3) : bytes;

  if (choice === 'gb18030') return gb18030(body, 'user');
  const utf8 = tryUtf8(body);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', encodingSource: choice === 'utf-8' ? 'user' : hasBom ? 'bom' : 'utf8-valid', undecodableLines: [] };

  const scan = scanUtf8Lines(body);
  if (choice === 'utf-8') throw notUtf8(scan.invalidLines);
  // A BOM says UTF-8; so do more lines of valid multi-byte UTF-8 than lines that fail (a GBK line is rarely valid
  // UTF-8 by chance, a GBK file has few such lines). Such a file is a UTF-8 file with some lines broken, pasted
  // from a GBK file or damaged: re-reading all of it as GB18030 would garble every other line.
  if (hasBom || scan.utf8Lines >= scan.invalidLines.length) {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), encoding: 'utf-8', encodingSource: 'utf8-invalid-rows', undecodableLines: scan.invalidLines };
  }
  return gb18030(body, 'gb18030-fallback');
}

function gb18030(body: Uint8Array, source: EncodingSource): DecodedText {
  const text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030');
  return { text, encoding: 'gb18030', encodingSource: source, undecodableLines: linesWithReplacement(text) };
}

/** Lines of decoded text holding U+FFFD, the decoder's mark for bytes it could not decode. */
function linesWithReplacement(text: string): number[] {
  const lines: number[] = [];
  let at = text.indexOf('\uFFFD');
  let line = 1;
  let counted = 0;
  while (at >= 0) {
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < at; nl = text.indexOf('\n', nl + 1)) {
      line++;
      counted = nl + 1;
    }
    if (lines[lines.length - 1] !== line) lines.push(line);
    at = text.indexOf('\uFFFD', at + 1);
  }
  return lines;
}

interface Utf8Scan {
  /** Lines with at least one byte sequence that is not UTF-8. */
  readonly invalidLines: number[];
  /** Lines that are valid UTF-8 and not plain ASCII. */
  readonly utf8Lines: number;
}

/**
 * Which lines are UTF-8 (RFC 3629, as TextDecoder's fatal mode: no overlongs, surrogates or code points past
 * U+10FFFF) and which are not. LF is 0x0A in UTF-8 and in GBK alike (GBK's bytes are all ≥ 0x40 after a lead).
 */
function scanUtf8Lines(b: Uint8Array): Utf8Scan {
  const invalidLines: number[] = [];
  let utf8Lines = 0;
  let line = 1;
  let bad = false;
  let multi = false;
  const n = b.length;
  let i = 0;
  while (i < n) {
    const c = b[i] as number;
    if (c < 0x80) {
      if (c === 0x0a) {
        if (bad) invalidLines.push(line);
        else if (multi) utf8Lines++;
        line++;
        bad = false;
        multi = false;
      }
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else {
      bad = true;
      i++;
      continue;
    }
    let k = 1;
    for (; k <= need; k++) {
      const d = b[i + k];
      if (d === undefined || d < (k === 1 ? lo : 0x80) || d > (k === 1 ? hi : 0xbf)) break;
    }
    if (k > need) multi = true;
    else bad = true;
    // Past the sequence, or up to the byte that broke it (which starts over, a newline included).
    i += k;
  }
  if (bad) invalidLines.push(line);
  else if (multi) utf8Lines++;
  return { invalidLines, utf8Lines };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    if (e instanceof TypeError) return null;
    throw e;
  }
}

function notUtf8(lines: readonly number[]): AppError {
  const shown = lines.slice(0, 10);
  const more = lines.length > shown.length;
  return new AppError('import.encoding', {
    zh: `文件不是有效的 UTF-8 文本：第 ${shown.join('、')} 行${more ? ` 等 ${lines.length} 行` : ''}含有无法解码的字节。请把编码改为 GB18030 再试，或在 Excel 中另存为“CSV UTF-8”。`,
    en: `The file is not valid UTF-8: lines ${shown.join(', ')}${more ? ` and ${lines.length - shown.length} more` : ''} have bytes that cannot be decoded. Choose GB18030 instead, or save it from Excel as "CSV UTF-8".`,
  }, { lines: shown });
}
