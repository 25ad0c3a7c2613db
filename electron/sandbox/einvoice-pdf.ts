// Main process (emulator, tests, benchmarks). Writes a real PDF e-invoice from a record: the fields as a
// Chinese text layer (an embedded, subset Noto Sans SC — never a system font) and the QR code in the tax
// bureau's payload, embedded as an IMAGE as real invoices do. What the archive's parser reads back.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatFen } from '../../shared/domain/money';
import { QR_INVOICE_TYPES, type QrInvoiceType } from '../../shared/domain/einvoice-qr';

export interface EinvoicePdfInput {
  readonly kind: 'blue' | 'red';
  /** '10' 增值税电子普通发票 (12+8), '32' 数电普票, … (see QR_INVOICE_TYPES). */
  readonly qrType: QrInvoiceType;
  /** '' for 数电票. */
  readonly invoiceCode: string;
  readonly invoiceNum: string;
  /** ISO YYYY-MM-DD. */
  readonly invoiceDate: string;
  readonly buyerName: string;
  readonly buyerTaxId?: string;
  readonly sellerName: string;
  readonly sellerTaxId: string;
  /** 合计金额 (before tax), fen; negative on a red invoice. */
  readonly amountFen: number;
  /** 税额, fen; negative on a red invoice. */
  readonly taxFen: number;
  /** 20 digits, or '' (数电票). */
  readonly checkCode: string;
  /** For hostile-input tests: leave out the QR image / the text layer; extra blank pages. */
  readonly omitQr?: boolean;
  readonly omitText?: boolean;
  readonly extraPages?: number;
  /** Draw the QR code as filled squares instead of an image (some issuers do): the parser must render. */
  readonly qrAsVector?: boolean;
}

/** Noto Sans SC (SIL OFL 1.1) from @fontsource/noto-sans-sc: one WOFF with the simplified-Chinese set + Latin. */
export const FONT_FILE = '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff';
let fontCache: Buffer | null = null;
let parsedFont: fontkit.Font | null = null;

/**
 * Read and unpacked once per process (1.5 MB WOFF → 4 MB TrueType); pdfkit/fontkit embeds only the glyphs a
 * document uses. Unpacked because fontkit inflates a WOFF table again on every access: ~11 s per invoice
 * from the WOFF, milliseconds from the TrueType.
 */
export function einvoiceFont(): Buffer {
  if (fontCache === null) {
    const require = createRequire(import.meta.filename);
    fontCache = woffToSfnt(readFileSync(require.resolve(FONT_FILE)));
  }
  return fontCache;
}

/**
 * The font parsed once and handed to every document: pdfkit would parse the 4 MB font again per document
 * (~3 ms each) and lose fontkit's glyph cache; it accepts a parsed font and subsets it per document.
 */
function parsedEinvoiceFont(): fontkit.Font {
  if (parsedFont === null) {
    const f = fontkit.create(einvoiceFont());
    if (!('layout' in f)) throw new Error('the e-invoice font is a collection, not one font');
    parsedFont = f;
  }
  return parsedFont;
}

/** WOFF 1.0 → the sfnt (TrueType/OpenType) it wraps: each table inflated where it was compressed. */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF font');
  const flavor = woff.readUInt32BE(4);
  const numTables = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const tag = woff.readUInt32BE(e);
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    const data = compLength < origLength ? inflateSync(raw) : Buffer.from(raw);
    if (data.length !== origLength) throw new Error('WOFF table length mismatch');
    tables.push({ tag, checksum: woff.readUInt32BE(e + 16), data });
  }
  let entrySelector = 0;
  while (2 ** (entrySelector + 1) <= numTables) entrySelector++;
  const searchRange = 2 ** entrySelector * 16;
  const head = Buffer.alloc(12 + numTables * 16);
  head.writeUInt32BE(flavor, 0);
  head.writeUInt16BE(numTables, 4);
  head.writeUInt16BE(searchRange, 6);
  head.writeUInt16BE(entrySelector, 8);
  head.writeUInt16BE(numTables * 16 - searchRange, 10);
  const parts: Buffer[] = [head];
  let offset = head.length;
  tables.forEach((t, i) => {
    const e = 12 + i * 16;
    head.writeUInt32BE(t.tag, e);
    head.writeUInt32BE(t.checksum, e + 4);
    head.writeUInt32BE(offset, e + 8);
    head.writeUInt32BE(t.data.length, e + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
}

/** 价税合计 = 合计金额 + 税额. */
export function totalFen(input: Pick<EinvoicePdfInput, 'amountFen' | 'taxFen'>): number {
  return input.amountFen + input.taxFen;
}

/** The QR payload: 01,type,code,number,amount,YYYYMMDD,check code,check field (amount per einvoice-qr.ts). */
export function einvoiceQrPayload(input: EinvoicePdfInput): string {
  const digital = QR_INVOICE_TYPES[input.qrType].digital;
  const amount = digital ? totalFen(input) : input.amountFen;
  const date = input.invoiceDate.replaceAll('-', '');
  return ['01', input.qrType, input.invoiceCode, input.invoiceNum, formatFen(amount), date, input.checkCode, checkField(input)].join(',');
}

/** A short deterministic check field (real ones are opaque to the reader too). */
function checkField(input: EinvoicePdfInput): string {
  let h = 0x811c9dc5;
  for (const ch of `${input.invoiceCode}${input.invoiceNum}${input.invoiceDate}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (h % 0x10000).toString(16).toUpperCase().padStart(4, '0');
}

function dateZh(iso: string): string {
  return `${iso.slice(0, 4)}年${iso.slice(5, 7)}月${iso.slice(8, 10)}日`;
}

function title(input: EinvoicePdfInput): string {
  if (QR_INVOICE_TYPES[input.qrType].digital) return input.qrType === '31' ? '电子发票（增值税专用发票）' : '电子发票（普通发票）';
  return QR_INVOICE_TYPES[input.qrType].zh;
}

/** Renders the invoice; resolves with the PDF bytes. */
export function renderEinvoicePdf(input: EinvoicePdfInput): Promise<Buffer> {
  const qrPng = input.omitQr || input.qrAsVector ? null : qrPngOf(einvoiceQrPayload(input));
  const doc = new PDFDocument({ size: [595, 396], margin: 24, font: '', compress: true, info: { Title: title(input), Producer: 'Invoice Recon practice emulator' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // `font: ''` above: no default font (pdfkit would load Helvetica's metrics); the CJK font is set per text.
  if (!input.omitText) doc.font(parsedEinvoiceFont());
  if (qrPng) doc.image(qrPng, 24, 20, { width: 80, height: 80 });
  if (input.qrAsVector && !input.omitQr) drawQrVector(doc, einvoiceQrPayload(input), 24, 20, 80);
  if (!input.omitText) writeFields(doc, input);
  for (let i = 0; i < (input.extraPages ?? 0); i++) doc.addPage();
  doc.end();
  return done;
}

/**
 * The QR code as an 8-bit grayscale PNG, 4 px per module with a 2-module quiet zone: what jsQR and real scans
 * read comfortably. Encoded here rather than with qrcode's RGBA PNG, which pdfkit must decode and split into
 * colour + alpha (most of the generation time); a grayscale PNG without alpha is embedded as it is.
 */
export function qrPngOf(payload: string): Buffer {
  const qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  const scale = 4;
  const margin = 2;
  const side = (size + 2 * margin) * scale;
  const raw = Buffer.alloc((side + 1) * side, 255);
  for (let y = 0; y < side; y++) {
    raw[y * (side + 1)] = 0; // filter: none
    const my = Math.floor(y / scale) - margin;
    if (my < 0 || my >= size) continue;
    for (let x = 0; x < side; x++) {
      const mx = Math.floor(x / scale) - margin;
      if (mx >= 0 && mx < size && data[my * size + mx]) raw[y * (side + 1) + 1 + x] = 0;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grayscale, deflate, no filter method variants, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

function drawQrVector(doc: PDFKit.PDFDocument, payload: string, x: number, y: number, side: number): void {
  const { size, data } = QRCode.create(payload, { errorCorrectionLevel: 'M' }).modules;
  const cell = side / (size + 4);
  for (let my = 0; my < size; my++) {
    for (let mx = 0; mx < size; mx++) if (data[my * size + mx]) doc.rect(x + (mx + 2) * cell, y + (my + 2) * cell, cell, cell);
  }
  doc.fillColor('black').fill();
}

function pngChunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function writeFields(doc: PDFKit.PDFDocument, input: EinvoicePdfInput): void {
  const red = input.kind === 'red';
  doc.fontSize(16).text(title(input), 150, 28, { width: 300, align: 'center', lineBreak: false });
  if (red) doc.fontSize(12).fillColor('#c00000').text('红字发票', 250, 52, { lineBreak: false }).fillColor('black');
  doc.fontSize(9);
  let y = 24;
  const right = (label: string, value: string): void => {
    doc.text(`${label}：${value}`, 400, y, { lineBreak: false });
    y += 14;
  };
  if (input.invoiceCode !== '') right('发票代码', input.invoiceCode);
  right('发票号码', input.invoiceNum);
  right('开票日期', dateZh(input.invoiceDate));
  if (input.checkCode !== '') right('校验码', input.checkCode.replace(/(\d{5})(?=\d)/g, '$1 '));

  y = 120;
  const line = (x: number, label: string, value: string): void => {
    doc.text(`${label}：${value}`, x, y, { lineBreak: false });
  };
  line(24, '购买方名称', input.buyerName);
  line(310, '销售方名称', input.sellerName);
  y += 16;
  line(24, '购买方纳税人识别号', input.buyerTaxId ?? '');
  line(310, '销售方纳税人识别号', input.sellerTaxId);

  y = 190;
  doc.text('项目名称', 24, y, { lineBreak: false });
  doc.text('金额', 330, y, { lineBreak: false });
  doc.text('税率', 410, y, { lineBreak: false });
  doc.text('税额', 480, y, { lineBreak: false });
  y += 16;
  doc.text('*日用品*商品一批', 24, y, { lineBreak: false });
  doc.text(formatFen(input.amountFen), 330, y, { lineBreak: false });
  doc.text('13%', 410, y, { lineBreak: false });
  doc.text(formatFen(input.taxFen), 480, y, { lineBreak: false });
  y = 250;
  line(24, '合计金额', `¥${formatFen(input.amountFen)}`);
  line(310, '税额', `¥${formatFen(input.taxFen)}`);
  y += 18;
  line(24, '价税合计（小写）', `¥${formatFen(totalFen(input))}`);
  if (red) {
    y += 18;
    line(24, '备注', `红字发票信息确认单 对应正数发票`);
  }
}
