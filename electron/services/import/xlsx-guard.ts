// Main process (the import worker). Inflates every part of an .xlsx as a stream before exceljs reads it,
// counting bytes, cells, rows and shared strings as they come out, and stops at the first limit crossed. exceljs
// inflates each part whole into one string, so a small file whose sheet inflates to gigabytes (a zip bomb) would
// take all of it first; here it is refused after MAX_XLSX_INFLATED_BYTES at most, holding one chunk at a time.
// The guard reads the zip with JSZip, the same reader (and the same central directory) exceljs then uses, so
// both see the same parts; the declared sizes in the zip are not trusted, only what inflating produces.
import JSZip from 'jszip';
import type { AppError } from '../../../shared/errors';
import {
  MAX_XLSX_CELLS, MAX_XLSX_INFLATED_BYTES, MAX_XLSX_ROWS, elementsTooMany, inflatedTooLarge, type CountedElement,
} from './limits';

export interface InflatedCounts {
  bytes: number;
  cells: number;
  rows: number;
  sharedStrings: number;
}

const LT = 0x3c;

/** After `<c`, `<row` or `<si`: the element name ends here (so `<cols>` or `<sheetData>` do not count). */
function endsName(b: number | undefined): boolean {
  return b === 0x20 || b === 0x3e /* > */ || b === 0x2f /* / */ || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Counts the elements exceljs turns into objects, in one chunk of XML. `carry` holds the last 4 bytes of the
 * previous chunk, whose `<` (if any) could not be told apart yet, so a name split between chunks counts once.
 */
function countElements(chunk: Buffer, carry: Buffer, counts: InflatedCounts): Buffer {
  const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
  // Each `<` is judged with the 4 bytes after it; the last 4 bytes wait for the next chunk.
  const stop = data.length - 4;
  let i = data.indexOf(LT);
  while (i >= 0 && i < stop) {
    const a = data[i + 1];
    if (a === 0x63 /* c */ && endsName(data[i + 2])) counts.cells++;
    else if (a === 0x72 /* r */ && data[i + 2] === 0x6f && data[i + 3] === 0x77 && endsName(data[i + 4])) counts.rows++;
    else if (a === 0x73 /* s */ && data[i + 2] === 0x69 && endsName(data[i + 3])) counts.sharedStrings++;
    i = data.indexOf(LT, i + 1);
  }
  return Buffer.from(data.subarray(Math.max(0, stop)));
}

function overLimit(counts: InflatedCounts, part: string): AppError | null {
  if (counts.bytes > MAX_XLSX_INFLATED_BYTES) return inflatedTooLarge(part, counts.bytes);
  const checks: [CountedElement, number, number][] = [
    ['cells', counts.cells, MAX_XLSX_CELLS],
    ['rows', counts.rows, MAX_XLSX_ROWS],
    ['sharedStrings', counts.sharedStrings, MAX_XLSX_CELLS],
  ];
  for (const [what, n, limit] of checks) if (n > limit) return elementsTooMany(what, limit);
  return null;
}

function inflatePart(entry: JSZip.JSZipObject, counts: InflatedCounts): Promise<void> {
  const xml = entry.name.toLowerCase().endsWith('.xml');
  return new Promise<void>((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer');
    let carry: Buffer = Buffer.alloc(0);
    let done = false;
    const finish = (error: Error | null): void => {
      if (done) return;
      done = true;
      // Not read any further: JSZip's stream stops inflating once its buffer is full.
      stream.removeAllListeners('data');
      stream.pause();
      if (error) reject(error);
      else resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      counts.bytes += chunk.length;
      if (xml) carry = countElements(chunk, carry, counts);
      const over = overLimit(counts, entry.name);
      if (over) finish(over);
    });
    stream.on('error', (e: Error) => finish(e));
    stream.on('end', () => finish(null));
  });
}

/**
 * Resolves with what the workbook inflates to when it is within every limit; rejects with import.too_large as
 * soon as one is crossed, or with JSZip's own error for a damaged zip.
 */
export async function checkInflatedXlsx(bytes: Buffer): Promise<InflatedCounts> {
  // Reads the central directory only; nothing is inflated yet.
  const zip = await JSZip.loadAsync(bytes);
  const counts: InflatedCounts = { bytes: 0, cells: 0, rows: 0, sharedStrings: 0 };
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    await inflatePart(entry, counts);
  }
  return counts;
}
