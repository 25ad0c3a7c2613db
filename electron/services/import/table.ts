// Main process. The shape every reader (CSV, XLSX) produces: header cells, data rows with the row number
// the clerk sees in Excel, blank rows skipped (and counted), rows the reader could not read at all.
export interface TableRow {
  /** 1-based row as Excel shows it (the header is row 1 unless blank rows precede it). */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface BrokenRow {
  readonly row: number;
  readonly value: string;
  readonly reason: string;
  readonly reasonEn: string;
}

export interface RawTable {
  readonly headers: readonly string[];
  readonly headerRow: number;
  readonly rows: readonly TableRow[];
  readonly blankRows: number;
  readonly broken: readonly BrokenRow[];
}

export function isBlank(cells: readonly string[]): boolean {
  // Fast path for nearly every row: a first cell starting with a printable ASCII character is not blank.
  const first = cells[0]?.charCodeAt(0) ?? 0;
  if (first > 0x20 && first < 0x7f) return false;
  return cells.every((c) => c.trim() === '');
}

/** Splits records into header + data rows; the first non-blank record is the header. */
export function toTable(records: readonly TableRow[], broken: readonly BrokenRow[], blankBefore: number): RawTable {
  let blankRows = blankBefore;
  let header: TableRow | null = null;
  const rows: TableRow[] = [];
  for (const r of records) {
    if (isBlank(r.cells)) {
      // Excel writes empty rows inside the used range as ",,,," lines.
      blankRows++;
      continue;
    }
    if (!header) header = r;
    else rows.push(r);
  }
  return { headers: header ? header.cells.map((h) => h.replace(/^\uFEFF/, '').trim()) : [], headerRow: header?.row ?? 1, rows, blankRows, broken };
}
