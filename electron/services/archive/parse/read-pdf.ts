// Runs in the parse worker (never on the main loop). One PDF's bytes → the invoice facts: the text layer via
// pdfjs-dist, and the QR code decoded with jsQR from the page's own image XObjects (no page rendering: an
// e-invoice embeds its QR as an image). Bounded: a page cap, an image-size cap, only the first pages read;
// the pool around it adds a time limit and a heap limit.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import jsQR from 'jsqr';
import type { Bilingual } from '../../../../shared/errors';
import type { EinvoiceFacts, EinvoiceParse } from '../../../../shared/domain/einvoice-file';
import { parseInvoiceQr } from '../../../../shared/domain/einvoice-qr';
import { inflatedOverCap } from './stream-guard';
import { textFactsOf } from './text-facts';

/** A real e-invoice has one page (a long item list a few); more than this is refused unread. */
export const MAX_PAGES = 50;
/** Pages whose text and images are read: the invoice's header, parties, totals and QR are on page 1. */
const PAGES_READ = 2;
/** Decoded-image cap (pixels): a QR image is a few hundred px wide; a 16-megapixel image is not one. */
const MAX_IMAGE_PIXELS = 16_000_000;
/** Images larger than this (pixels) are skipped for QR decoding (too slow to scan, never a QR). */
const MAX_QR_SCAN_PIXELS = 4_000_000;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsPromise: Promise<PdfJs> | null = null;

/**
 * pdfjs-dist, with its worker code loaded into this thread up front: in Node pdfjs runs its "worker" in the same
 * thread and would otherwise import it by a path relative to itself, which the esbuild bundle does not have.
 * (We are already off the main loop: this whole module runs in the parse worker thread.)
 */
function pdfjs(): Promise<PdfJs> {
  pdfjsPromise ??= (async () => {
    const worker: unknown = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjsPromise;
}

/** Where pdfjs-dist's CMaps and standard fonts are (file URLs with a trailing slash, as pdfjs wants). */
function assetUrl(folder: string): string {
  const require = createRequire(import.meta.filename);
  const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
  return pathToFileURL(path.join(root, folder) + path.sep).href;
}

function refuse(zh: string, en: string): EinvoiceParse {
  return { ok: false, reason: { zh: `无法读取发票文件：${zh}`, en: `The invoice file cannot be read: ${en}` } };
}

interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly kind?: number;
  readonly data?: Uint8Array | Uint8ClampedArray;
}

function isPdfImage(v: unknown): v is PdfImage {
  return typeof v === 'object' && v !== null && typeof (v as PdfImage).width === 'number' && typeof (v as PdfImage).height === 'number';
}

/** pdfjs ImageKind: 1 = 1 bit per pixel gray, 2 = RGB 24, 3 = RGBA 32 → RGBA for jsQR. */
export function toRgba(img: PdfImage): Uint8ClampedArray | null {
  const { width, height, data, kind } = img;
  if (!data) return null;
  const n = width * height;
  if (kind === 3 && data.length >= n * 4) return new Uint8ClampedArray(data.buffer, data.byteOffset, n * 4);
  const out = new Uint8ClampedArray(n * 4);
  if (kind === 2 && data.length >= n * 3) {
    for (let i = 0; i < n; i++) {
      out[i * 4] = data[i * 3] ?? 0;
      out[i * 4 + 1] = data[i * 3 + 1] ?? 0;
      out[i * 4 + 2] = data[i * 3 + 2] ?? 0;
      out[i * 4 + 3] = 255;
    }
    return out;
  }
  if (kind === 1) {
    const rowBytes = (width + 7) >> 3;
    if (data.length < rowBytes * height) return null;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const bit = ((data[y * rowBytes + (x >> 3)] ?? 0) >> (7 - (x & 7))) & 1;
        const v = bit ? 255 : 0;
        const i = (y * width + x) * 4;
        out[i] = v;
        out[i + 1] = v;
        out[i + 2] = v;
        out[i + 3] = 255;
      }
    }
    return out;
  }
  return null;
}

interface TextItemLike {
  readonly str: string;
  readonly transform: readonly number[];
}

function isTextItem(v: unknown): v is TextItemLike {
  return typeof v === 'object' && v !== null && typeof (v as TextItemLike).str === 'string' && Array.isArray((v as TextItemLike).transform);
}

/** Joins text runs into visual lines (same baseline within 2 pt), top to bottom, left to right. */
function linesOf(items: readonly TextItemLike[]): string[] {
  const rows: { y: number; parts: { x: number; s: string }[] }[] = [];
  for (const it of items) {
    const x = it.transform[4] ?? 0;
    const y = it.transform[5] ?? 0;
    let row = rows.find((r) => Math.abs(r.y - y) <= 2);
    if (!row) {
      row = { y, parts: [] };
      rows.push(row);
    }
    row.parts.push({ x, s: it.str });
  }
  rows.sort((a, b) => b.y - a.y);
  // Two spaces between runs keep "名称：A" and the next block's "名称：B" apart on one line.
  return rows.map((r) => r.parts.sort((a, b) => a.x - b.x).map((p) => p.s).join('  '));
}

async function pageImages(page: import('pdfjs-dist/legacy/build/pdf.mjs').PDFPageProxy, ops: PdfJs['OPS']): Promise<PdfImage[]> {
  const list = await page.getOperatorList();
  const out: PdfImage[] = [];
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args: unknown = list.argsArray[i];
    if (fn === ops.paintInlineImageXObject && Array.isArray(args) && isPdfImage(args[0])) out.push(args[0]);
    if (fn !== ops.paintImageXObject || !Array.isArray(args) || typeof args[0] !== 'string') continue;
    const id = args[0];
    const objs = id.startsWith('g_') ? page.commonObjs : page.objs;
    const img: unknown = objs.has(id) ? objs.get(id) : await new Promise<unknown>((resolve) => objs.get(id, resolve));
    if (isPdfImage(img)) out.push(img);
  }
  return out;
}

function decodeQr(images: readonly PdfImage[]): { payload: string | null; seen: number } {
  let seen = 0;
  for (const img of images) {
    if (img.width * img.height > MAX_QR_SCAN_PIXELS || img.width < 21 || img.height < 21) continue;
    const rgba = toRgba(img);
    if (!rgba) continue;
    seen++;
    const code = jsQR(rgba, img.width, img.height, { inversionAttempts: 'attemptBoth' });
    if (code) return { payload: code.data, seen };
  }
  return { payload: null, seen };
}

/** The page rendered for the fallback: 2 px per point (a 595 pt wide invoice → 1190 px). */
const RENDER_SCALE = 2;
const MAX_RENDER_PIXELS = 8_000_000;

/**
 * Fallback when no embedded image is a QR code (an issuer that draws it as vector squares): render page 1
 * with pdfjs on @napi-rs/canvas and scan the whole page. Slower (tens of ms), so only then.
 */
async function renderedQr(page: import('pdfjs-dist/legacy/build/pdf.mjs').PDFPageProxy): Promise<string | null> {
  // A require (not import()): native, external to the bundle, found like pdfjs-dist finds it.
  const { createCanvas } = createRequire(import.meta.filename)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
  const viewport = page.getViewport({ scale: RENDER_SCALE });
  const w = Math.ceil(viewport.width);
  const h = Math.ceil(viewport.height);
  if (w * h > MAX_RENDER_PIXELS) return null;
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  // @napi-rs/canvas implements the DOM canvas API pdfjs draws with (pdfjs itself uses it in Node).
  await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: ctx as unknown as CanvasRenderingContext2D, viewport }).promise;
  const image = ctx.getImageData(0, 0, w, h);
  return jsQR(image.data, w, h, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 200) : String(e).slice(0, 200);
}

/** Reads one PDF. Never throws for bad input: every refusal is an ok:false answer with a zh/en reason. */
export async function readEinvoicePdf(bytes: Uint8Array): Promise<EinvoiceParse> {
  if (bytes.length < 8 || Buffer.from(bytes.subarray(0, 1024)).indexOf('%PDF-') === -1) {
    return refuse('内容不是 PDF（缺少 %PDF- 文件头）', 'the content is not a PDF (no %PDF- header)');
  }
  const bomb = inflatedOverCap(bytes);
  if (bomb) {
    const mb = Math.round(bomb.bytes / 1024 / 1024);
    return refuse(`第 ${bomb.stream} 个压缩数据流解压后超过 ${mb} MB，不像一张发票（疑似压缩炸弹）`, `compressed stream ${bomb.stream} inflates to more than ${mb} MB: not an invoice (a likely decompression bomb)`);
  }
  const lib = await pdfjs();
  // pdfjs transfers (detaches) the buffer it is given; a copy keeps the caller's bytes intact.
  const task = lib.getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: assetUrl('cmaps'),
    cMapPacked: true,
    standardFontDataUrl: assetUrl('standard_fonts'),
    disableFontFace: true,
    useSystemFonts: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    maxImageSize: MAX_IMAGE_PIXELS,
    stopAtErrors: false,
    verbosity: 0,
  });
  let doc: import('pdfjs-dist/legacy/build/pdf.mjs').PDFDocumentProxy;
  try {
    doc = await task.promise;
  } catch (e) {
    await task.destroy();
    return refuse(`PDF 结构损坏或文件不完整（${errorText(e)}）`, `the PDF is damaged or incomplete (${errorText(e)})`);
  }
  try {
    if (doc.numPages > MAX_PAGES) {
      return refuse(`共 ${doc.numPages} 页，超过上限 ${MAX_PAGES} 页，不像一张发票`, `${doc.numPages} pages, over the limit of ${MAX_PAGES}: not an invoice`);
    }
    const lines: string[] = [];
    const images: PdfImage[] = [];
    for (let p = 1; p <= Math.min(doc.numPages, PAGES_READ); p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      lines.push(...linesOf(content.items.flatMap((i: unknown) => (isTextItem(i) ? [i] : []))));
      images.push(...(await pageImages(page, lib.OPS)));
    }
    const fromImages = decodeQr(images);
    let rendered: string | null = null;
    if (fromImages.payload === null) rendered = await renderedQr(await doc.getPage(1));
    const qr = { payload: fromImages.payload ?? rendered, seen: fromImages.seen };
    const text = textFactsOf(lines);
    let qrFacts: EinvoiceFacts['qr'] = null;
    let qrProblem: Bilingual | null = null;
    if (qr.payload === null) {
      qrProblem =
        qr.seen === 0
          ? { zh: '文件中没有二维码（没有图片，渲染后的页面上也没有）', en: 'the file has no QR code (no image, none on the rendered page either)' }
          : { zh: `文件中的 ${qr.seen} 张图片都不是可识别的二维码，渲染后的页面上也没有`, en: `none of the ${qr.seen} images in the file is a readable QR code, nor is one on the rendered page` };
    } else {
      const parsed = parseInvoiceQr(qr.payload);
      if (parsed.ok) {
        const f = parsed.facts;
        qrFacts = { type: f.type, digital: f.digital, invoiceCode: f.invoiceCode, invoiceNum: f.invoiceNum, amountFen: f.amountFen, amountMeaning: f.amountMeaning, invoiceDate: f.invoiceDate, checkCode: f.checkCode };
      } else {
        qrProblem = parsed.reason;
      }
    }
    // A readable PDF without a QR code or invoice text still answers ok: the comparison says "no QR and no
    // text" (unavailable), which tells the clerk more than a parse failure would.
    return { ok: true, facts: { pages: doc.numPages, qr: qrFacts, qrProblem, text } };
  } catch (e) {
    return refuse(`读取 PDF 内容失败（${errorText(e)}）`, `reading the PDF's content failed (${errorText(e)})`);
  } finally {
    await task.destroy();
  }
}
