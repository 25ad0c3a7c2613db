// Test support (plain Node). Builds .xlsx zip bombs quickly: a real exceljs workbook whose sheet is replaced
// by a deflate stream that inflates to gigabytes. The stream is made without deflating gigabytes: one unit of
// rows is deflated once with a full flush (which resets the compressor, so its bytes do not depend on what came
// before) and those bytes are repeated; a final empty block ends the stream.
import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

interface ZipEntry {
  readonly name: string;
  /** Deflated data. */
  readonly data: Buffer;
  readonly crc: number;
  readonly size: number;
}

/** A plain zip (deflate, no data descriptors) of the entries as given: sizes and CRCs are written as told. */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.data);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.data.length, 20);
    cd.writeUInt32LE(e.size >>> 0, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.data.length;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

/** A deflate stream of `head`, then `unit` `times` times, then `tail`, built in milliseconds. */
export function repeatedDeflate(head: string, unit: string, times: number, tail: string): Buffer {
  const flushed = (s: string): Buffer => deflateRawSync(Buffer.from(s, 'utf8'), { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
  const unitBytes = flushed(unit);
  return Buffer.concat([flushed(head), ...new Array<Buffer>(times).fill(unitBytes), deflateRawSync(Buffer.from(tail, 'utf8'))]);
}

const SHEET = 'xl/worksheets/sheet1.xml';
const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
  + '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
  + '<row r="1"><c r="A1" t="inlineStr"><is><t>发票编号</t></is></c><c r="B1" t="inlineStr"><is><t>订单号</t></is></c></row>';
const SHEET_TAIL = '</sheetData></worksheet>';

export interface BombOptions {
  /** The sheet's XML repeats this (rows, or anything else) until it is at least `inflatedBytes` long. */
  readonly unit: string;
  readonly inflatedBytes: number;
  /** The uncompressed size the zip declares for the sheet (a bomb may lie). Default: the truth, mod 2^32. */
  readonly declaredSize?: number;
}

/** A workbook exceljs made, with its first sheet replaced by the bomb. */
export async function xlsxBomb(opts: BombOptions): Promise<{ file: Buffer; inflated: number }> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('发票').addRow(['发票编号', '订单号']);
  const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
  // Deflated in blocks of ~1 MiB: each full flush costs a few bytes, so small blocks would compress poorly.
  const unitBytes = Buffer.byteLength(opts.unit, 'utf8');
  const block = opts.unit.repeat(Math.max(1, Math.min(Math.floor(2 ** 20 / unitBytes), Math.ceil(opts.inflatedBytes / unitBytes))));
  const blockBytes = Buffer.byteLength(block, 'utf8');
  const times = Math.ceil(opts.inflatedBytes / blockBytes);
  const inflated = Buffer.byteLength(SHEET_HEAD + SHEET_TAIL, 'utf8') + times * blockBytes;
  const entries: ZipEntry[] = [];
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    if (entry.name === SHEET) {
      // The CRC is not checked by JSZip (nor by the guard); a bomb's is as likely wrong as right.
      entries.push({ name: SHEET, data: repeatedDeflate(SHEET_HEAD, block, times, SHEET_TAIL), crc: 0, size: opts.declaredSize ?? inflated });
      continue;
    }
    const raw = await entry.async('nodebuffer');
    entries.push({ name: entry.name, data: deflateRawSync(raw), crc: crc32(raw), size: raw.length });
  }
  return { file: zipOf(entries), inflated };
}

/** Rows of two short text cells, as a sheet of real data would have. */
export const ROW_UNIT = '<row><c t="inlineStr"><is><t>DZ2026</t></is></c><c t="inlineStr"><is><t>1001</t></is></c></row>';
/** Padding that is not cells or rows: only the inflated size can stop it. */
export const SPACE_UNIT = ' '.repeat(4096);
