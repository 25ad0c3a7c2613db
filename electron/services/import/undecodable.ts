// Main process (the import worker). Rows whose bytes did not decode in the file's encoding: the decoder marked
// each such byte with U+FFFD; those rows are reported by row and not imported, never guessed at or re-decoded.
import { AppError } from '../../../shared/errors';
import type { DecodedText, TextEncoding } from './decode';
import type { BrokenRow, RawTable, TableRow } from './table';

const MARK = '\uFFFD';

function reasonFor(row: number, encoding: TextEncoding): { reason: string; reasonEn: string } {
  if (encoding === 'utf-8') {
    return {
      reason: `第 ${row} 行含有不是 UTF-8 的字节，无法读取，这一行未导入（文件的其余部分是 UTF-8；这一行可能是从 GBK 编码的文件复制来的，或文件在这里损坏了）。请在 Excel 中改正这一行，另存为“CSV UTF-8”后再导入。`,
      reasonEn: `Row ${row} has bytes that are not UTF-8 and cannot be read, so it was not imported (the rest of the file is UTF-8; the row was probably pasted from a GBK file, or the file is damaged here). Correct it in Excel, save as "CSV UTF-8" and import again.`,
    };
  }
  return {
    reason: `第 ${row} 行含有按 GB18030 无法解码的字节，无法读取，这一行未导入。`,
    reasonEn: `Row ${row} has bytes that cannot be decoded as GB18030 and cannot be read, so it was not imported.`,
  };
}

function shown(cells: readonly string[]): string {
  const v = cells.join(',');
  return v.length > 200 ? `${v.slice(0, 200)}…` : v;
}

/**
 * Moves the rows holding the decoder's mark to the broken rows. A mark in the header row of a detected encoding
 * refuses the file: its columns cannot be told. (With an encoding the clerk chose, the preview shows the garbled
 * headers and the columns they lack instead, which says the choice was wrong.) A row that held U+FFFD as text
 * in such a file is reported too: it is the same mark.
 */
export function withUndecodableRows(table: RawTable, decoded: DecodedText): RawTable {
  if (decoded.undecodableLines.length === 0) return table;
  if (decoded.encodingSource !== 'user' && table.headers.some((h) => h.includes(MARK))) {
    const row = table.headerRow;
    throw new AppError('import.encoding', decoded.encoding === 'utf-8'
      ? {
        zh: `表头（第 ${row} 行）含有不是 UTF-8 的字节，无法识别各列，文件未导入。文件的其余部分是 UTF-8；请在 Excel 中改正表头，另存为“CSV UTF-8”后再导入。`,
        en: `The header row (row ${row}) has bytes that are not UTF-8, so its columns cannot be recognised and nothing was imported. The rest of the file is UTF-8; correct the header in Excel, save as "CSV UTF-8" and import again.`,
      }
      : {
        zh: `表头（第 ${row} 行）含有按 GB18030 无法解码的字节，无法识别各列，文件未导入。`,
        en: `The header row (row ${row}) has bytes that cannot be decoded as GB18030, so its columns cannot be recognised and nothing was imported.`,
      }, { row, lines: decoded.undecodableLines.slice(0, 20) });
  }
  const rows: TableRow[] = [];
  const broken: BrokenRow[] = [...table.broken];
  for (const r of table.rows) {
    if (!r.cells.some((c) => c.includes(MARK))) {
      rows.push(r);
      continue;
    }
    broken.push({ row: r.row, value: shown(r.cells), ...reasonFor(r.row, decoded.encoding) });
  }
  return { ...table, rows, broken };
}
