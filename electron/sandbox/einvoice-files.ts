// Main process (emulator). The Suning emulator's file links: GET /dzfp/<code><number>.pdf answers each seeded
// invoice's file as its FileCase says (seed.ts) — a generated PDF e-invoice, or one of the ways real links fail.
// PDFs are generated on request (cheap: ~8 ms) and the last few kept, so 10,000 files need no disk.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { yuanToFen } from '../../shared/domain/money';
import { renderEinvoicePdf, type EinvoicePdfInput } from './einvoice-pdf';
import { httpDate, sendHtml, send, type EmulatorServer } from './http-kit';
import type { FileCase, SeedFile } from './seed';

/** Size of the `huge` case's file: over the archive's default 20 MB cap. */
export const HUGE_FILE_BYTES = 24 * 1024 * 1024;
/** How long the `slow` case stalls mid-file by default. */
export const DEFAULT_SLOW_FILE_MS = 3000;
const FILE_PATH = /^\/dzfp\/(\d{8,40})\.pdf$/;
const CACHE_SIZE = 64;

/** One file request the emulator answered, for tests. */
export interface ReceivedFile {
  readonly time: number;
  readonly path: string;
  /** The case served; null for a path no seeded invoice has (answered 404). */
  readonly fileCase: FileCase | null;
  readonly status: number;
  /** Request headers, names lower-cased (tests check that no cookie or credential is sent). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface FileRoutesOptions {
  readonly server: EmulatorServer;
  readonly saleTaxNo: string;
  readonly latencyMs: () => number;
  readonly slowFileMs?: number;
  readonly now: () => number;
}

export interface FileRoutes {
  readonly files: Map<string, SeedFile>;
  readonly received: ReceivedFile[];
  /** True when the request is for a file path (the caller then hands it to serve). */
  handles(path: string): boolean;
  serve(req: IncomingMessage, res: ServerResponse, path: string, headers: Readonly<Record<string, string>>): Promise<void>;
  /** The PDF the emulator serves for a seeded file (ok / amount_differs / number_differs / slow / truncated source). */
  pdfOf(file: SeedFile): Promise<Buffer>;
}

function hash(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

/** The invoice as its file states it: Suning's record, or the deliberate difference of the file's case. */
export function pdfInputOf(file: SeedFile, saleTaxNo: string): EinvoicePdfInput {
  const inv = file.invoice;
  const red = inv.invoiceType === '-1';
  const sign = red ? -1 : 1;
  let total = Math.abs(yuanToFen(inv.invoiceAmount));
  let noTax = inv.invoiceNoTaxAmount === undefined ? Math.round((total * 100) / 113) : Math.abs(yuanToFen(inv.invoiceNoTaxAmount));
  const digital = inv.invoiceCode === '';
  let num = inv.invoiceNum;
  const key = `${inv.invoiceCode}${inv.invoiceNum}`;
  if (file.fileCase === 'amount_differs') {
    const delta = 1 + (hash(key) % 500);
    total += delta;
    noTax += delta;
  }
  if (file.fileCase === 'number_differs') num = `${num.slice(0, -1)}${(Number(num.slice(-1)) + 1) % 10}`;
  return {
    kind: red ? 'red' : 'blue',
    qrType: digital ? '32' : '10',
    invoiceCode: inv.invoiceCode,
    invoiceNum: num,
    invoiceDate: inv.invoiceDate ?? '2026-09-01',
    buyerName: file.buyerName,
    sellerName: file.sellerName,
    sellerTaxId: saleTaxNo,
    amountFen: sign * noTax,
    taxFen: sign * (total - noTax),
    checkCode: digital ? '' : (inv.invoiceSecurityCode ?? '').replace(/\s+/g, ''),
  };
}

const EXPIRED_PAGE =
  '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>链接已失效</title></head>' +
  '<body><div class="tip"><h2>链接已失效</h2><p>您访问的发票下载链接已过期，请联系开票方重新获取。</p></div></body></html>';
const NOT_PDF_BODY =
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>系统提示</title></head><body>系统繁忙，请稍后再试（错误码 E1002）</body></html>';

export function createFileRoutes(opts: FileRoutesOptions): FileRoutes {
  const files = new Map<string, SeedFile>();
  const received: ReceivedFile[] = [];
  const cache = new Map<string, Promise<Buffer>>();
  const slowMs = opts.slowFileMs ?? DEFAULT_SLOW_FILE_MS;

  function pdfOf(file: SeedFile): Promise<Buffer> {
    const key = `${file.invoice.invoiceCode}${file.invoice.invoiceNum}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const made = renderEinvoicePdf(pdfInputOf(file, opts.saleTaxNo));
    cache.set(key, made);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
    return made;
  }

  async function streamHuge(res: ServerResponse, head: Buffer): Promise<void> {
    res.writeHead(200, { Date: httpDate(opts.now()), 'Content-Type': 'application/pdf', 'Content-Length': String(HUGE_FILE_BYTES) });
    // The real invoice, then comment lines up to the size: still a PDF by its magic number.
    const line = Buffer.from(`%${'0'.repeat(1022)}\n`, 'latin1');
    const chunk = Buffer.concat(Array.from({ length: 64 }, () => line));
    let left = HUGE_FILE_BYTES - head.length;
    const write = (b: Buffer): Promise<void> =>
      new Promise((resolve) => {
        if (res.write(b)) resolve();
        else res.once('drain', resolve);
      });
    await write(head);
    while (left > 0 && !res.destroyed) {
      const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= part.length;
      await write(part);
    }
    res.end();
  }

  async function serve(req: IncomingMessage, res: ServerResponse, path: string, headers: Readonly<Record<string, string>>): Promise<void> {
    const key = FILE_PATH.exec(path)?.[1] ?? '';
    const file = files.get(key) ?? null;
    const note = (status: number): void => {
      received.push({ time: opts.now(), path, fileCase: file?.fileCase ?? null, status, headers });
    };
    req.resume();
    await opts.server.delay(opts.latencyMs());
    if (req.method !== 'GET') {
      note(405);
      sendHtml(res, 405, opts.now(), { Allow: 'GET' });
      return;
    }
    if (!file || file.fileCase === 'expired_404') {
      note(404);
      sendHtml(res, 404, opts.now());
      return;
    }
    switch (file.fileCase) {
      case 'expired_page':
        note(200);
        send(res, 200, 'text/html; charset=utf-8', EXPIRED_PAGE, opts.now());
        return;
      case 'not_pdf':
        note(200);
        send(res, 200, 'application/pdf', NOT_PDF_BODY, opts.now());
        return;
      case 'huge':
        note(200);
        await streamHuge(res, await pdfOf(file));
        return;
      case 'truncated': {
        const pdf = await pdfOf(file);
        note(200);
        res.writeHead(200, { Date: httpDate(opts.now()), 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length) });
        // Announces the whole file, sends 60% of it, then the connection drops.
        res.write(pdf.subarray(0, Math.floor(pdf.length * 0.6)), () => res.destroy());
        return;
      }
      case 'slow': {
        const pdf = await pdfOf(file);
        note(200);
        res.writeHead(200, { Date: httpDate(opts.now()), 'Content-Type': 'application/pdf', 'Content-Length': String(pdf.length) });
        res.write(pdf.subarray(0, 1024));
        await opts.server.delay(slowMs);
        res.end(pdf.subarray(1024));
        return;
      }
      case 'ok':
      case 'amount_differs':
      case 'number_differs': {
        const pdf = await pdfOf(file);
        note(200);
        send(res, 200, 'application/pdf', pdf, opts.now());
        return;
      }
    }
  }

  return { files, received, handles: (path) => path.startsWith('/dzfp/'), serve, pdfOf };
}
