// Main process. Which file column feeds which field: explicit choice > mapping remembered for this header
// signature > header aliases.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { IMPORT_FIELDS, type ImportField } from '../../../shared/api/schemas';
import {
  IMPORT_FIELD_LABELS, REQUIRED_IMPORT_FIELDS, fieldForHeader, normalizeHeader,
} from '../../../shared/domain/import-headers';

/** field → header text as it appears in the file. */
export type ImportMapping = Partial<Record<ImportField, string>>;

/** Identifies a "source" by its header row, whatever the file is called. */
export function headerSignature(headers: readonly string[]): string {
  return createHash('sha256').update(headers.map(normalizeHeader).join('\u0001'), 'utf8').digest('hex').slice(0, 32);
}

/** The file name with its digits generalised ("导出_20261123.csv" → "导出_#.csv"), kept for the clerk's reference. */
export function fileNamePattern(fileName: string): string {
  return fileName.replace(/\d+/g, '#');
}

export function autoMapping(headers: readonly string[]): ImportMapping {
  const m: ImportMapping = {};
  for (const h of headers) {
    const f = fieldForHeader(h);
    if (f && m[f] === undefined) m[f] = h;
  }
  return m;
}

/** Checks an explicit or remembered mapping against the headers; unknown headers are refused. */
export function checkMapping(mapping: ImportMapping, headers: readonly string[]): ImportMapping {
  const present = new Set(headers);
  const out: ImportMapping = {};
  const missing: string[] = [];
  for (const f of IMPORT_FIELDS) {
    const h = mapping[f];
    if (h === undefined || h === '') continue;
    if (!present.has(h)) missing.push(`${IMPORT_FIELD_LABELS[f].zh} → “${h}”`);
    else out[f] = h;
  }
  if (missing.length > 0) {
    throw new AppError('import.mapping', {
      zh: `列对应关系中的表头在文件里不存在：${missing.join('，')}`,
      en: `The column mapping names headers the file does not have: ${missing.join(', ')}`,
    }, { missing });
  }
  return out;
}

/** True when every header the mapping names is in the file. */
export function mappingFits(mapping: ImportMapping, headers: readonly string[]): boolean {
  const present = new Set(headers);
  return Object.values(mapping).every((h) => h === undefined || present.has(h));
}

export function missingRequired(mapping: ImportMapping): ImportField[] {
  return REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined);
}

export function requireComplete(mapping: ImportMapping): void {
  const missing = missingRequired(mapping);
  if (missing.length === 0) return;
  throw new AppError('import.mapping', {
    zh: `文件缺少必需的列：${missing.map((f) => IMPORT_FIELD_LABELS[f].zh).join('、')}。请在“列对应”中指定。`,
    en: `The file lacks required columns: ${missing.map((f) => IMPORT_FIELD_LABELS[f].en).join(', ')}. Choose them under "Column mapping".`,
  }, { missing });
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A mapping names a column by its header text, so a header that appears twice could only ever be read from its
 * first column, the other dropped without a word. Refused instead, naming every such column the mapping uses
 * (repeats of a column nothing reads are harmless: neither is imported).
 */
export function requireDistinctColumns(mapping: ImportMapping, headers: readonly string[]): ImportMapping {
  const used = new Set(Object.values(mapping).filter((h): h is string => h !== undefined && h !== ''));
  const columns = new Map<string, number[]>();
  headers.forEach((h, i) => {
    if (!used.has(h)) return;
    const seen = columns.get(h);
    if (seen) seen.push(i + 1);
    else columns.set(h, [i + 1]);
  });
  const duplicates = [...columns].filter(([, at]) => at.length > 1).map(([header, at]) => ({ header, columns: at }));
  if (duplicates.length === 0) return mapping;
  const zh = duplicates.map((d) => `“${d.header}”（第 ${d.columns.join('、')} 列，即 ${d.columns.map(columnLetters).join('、')} 列）`).join('、');
  const en = duplicates.map((d) => `"${d.header}" (columns ${joinEn(d.columns.map(String))}, i.e. ${joinEn(d.columns.map(columnLetters))})`).join(', ');
  throw new AppError('import.mapping', {
    zh: `表头中有重复的列：${zh}。无法确定该导入哪一列，请在文件中删除或改名重复的列后重新导入。`,
    en: `The header row repeats columns: ${en}. Which of them to import cannot be decided; delete or rename the repeated columns and import again.`,
  }, { duplicates });
}

function joinEn(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
