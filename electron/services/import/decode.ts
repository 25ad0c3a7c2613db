// Main process. Turns the bytes of an imported file into text, deciding the encoding the way Excel users
// need: BOM first, then strict UTF-8, then GB18030 — and says how it decided, so the clerk can override.
import iconv from 'iconv-lite';
import { AppError } from '../../../shared/errors';

export type FileFormat = 'csv' | 'xlsx';
export type TextEncoding = 'utf-8' | 'gb18030';
export type EncodingChoice = 'auto' | TextEncoding;
export type EncodingSource = 'bom' | 'utf8-valid' | 'gb18030-fallback' | 'user';

export interface DecodedText {
  readonly text: string;
  readonly encoding: TextEncoding;
  readonly encodingSource: EncodingSource;
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

  if (choice === 'utf-8') return { text: decodeUtf8Strict(body, true), encoding: 'utf-8', encodingSource: 'user' };
  if (choice === 'gb18030') return { text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030'), encoding: 'gb18030', encodingSource: 'user' };

  if (hasBom) return { text: decodeUtf8Strict(body, true), encoding: 'utf-8', encodingSource: 'bom' };
  const utf8 = tryUtf8(body);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', encodingSource: 'utf8-valid' };
  return { text: iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'gb18030'), encoding: 'gb18030', encodingSource: 'gb18030-fallback' };
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (e) {
    if (e instanceof TypeError) return null;
    throw e;
  }
}

function decodeUtf8Strict(bytes: Uint8Array, userOrBom: boolean): string {
  const text = tryUtf8(bytes);
  if (text !== null) return text;
  throw new AppError('import.encoding', userOrBom
    ? {
      zh: '文件不是有效的 UTF-8 文本（含有无法解码的字节）。请把编码改为 GB18030 再试，或在 Excel 中另存为“CSV UTF-8”。',
      en: 'The file is not valid UTF-8 (it has bytes that cannot be decoded). Choose GB18030 instead, or save it from Excel as "CSV UTF-8".',
    }
    : { zh: '文件编码无法识别', en: 'The file encoding cannot be recognised' });
}
