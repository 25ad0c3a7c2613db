// The e-invoice parser's worker pool with real worker threads: bad input of every kind is answered (never
// thrown, never hung), and a worker that dies answers its file and is replaced.
import { afterEach, describe, expect, it } from 'vitest';
import type { Worker } from 'node:worker_threads';
import { createDeflate, deflateSync } from 'node:zlib';
import { renderEinvoicePdf, type EinvoicePdfInput } from '../../../electron/sandbox/einvoice-pdf';
import { createEinvoiceParser, type EinvoiceParser } from '../../../electron/services/archive/parse/parser';
import { MAX_PAGES } from '../../../electron/services/archive/parse/read-pdf';

const invoice: EinvoicePdfInput = {
  kind: 'blue',
  qrType: '32',
  invoiceCode: '',
  invoiceNum: '26320000000000012345',
  invoiceDate: '2026-09-03',
  buyerName: '苏州工业园区某某电子有限公司',
  sellerName: '华东数码专营店',
  sellerTaxId: '91320106773973920L',
  amountFen: 4327,
  taxFen: 563,
  checkCode: '',
};

/** A one-page PDF whose content stream is `mb` MB of spaces, deflated (~1 KB per MB). */
async function deflateBombPdf(mb: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (c: Buffer) => parts.push(c));
  const done = new Promise<void>((resolve) => deflate.on('end', resolve));
  const chunk = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < mb; i++) deflate.write(chunk);
  deflate.end();
  await done;
  const content = Buffer.concat(parts);
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>', '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'];
  let out = Buffer.from('%PDF-1.7\n');
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out = Buffer.concat([out, Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`)]);
  });
  offsets.push(out.length);
  out = Buffer.concat([out, Buffer.from(`4 0 obj\n<< /Length ${content.length} /Filter /FlateDecode >>\nstream\n`), content, Buffer.from('\nendstream\nendobj\n')]);
  const xref = out.length;
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  return Buffer.concat([out, Buffer.from(`xref\n0 5\n0000000000 65535 f \n${table}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)]);
}

/**
 * A one-page PDF whose page draws `perStream` text runs, one per line, in each of two content streams (each
 * under the decompression-bomb cap): millions of pdfjs text items from ~0.2 MB of file.
 */
function textFloodPdf(perStream: number): Buffer {
  const stream = deflateSync(Buffer.from(`BT /F1 1 Tf ${'0 -1 Td (ab) Tj\n'.repeat(perStream)}ET\n`));
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents [5 0 R 6 0 R] >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = Buffer.from('%PDF-1.7\n');
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out = Buffer.concat([out, Buffer.from(`${i + 1} 0 obj\n${o}\nendobj\n`)]);
  });
  for (const id of [5, 6]) {
    offsets.push(out.length);
    out = Buffer.concat([out, Buffer.from(`${id} 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')]);
  }
  const xref = out.length;
  const table = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  return Buffer.concat([out, Buffer.from(`xref\n0 7\n0000000000 65535 f \n${table}trailer\n<< /Size 7 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`)]);
}

let parser: EinvoiceParser | null = null;
afterEach(async () => {
  await parser?.close();
  parser = null;
});

describe('createEinvoiceParser', () => {
  it('reads a generated invoice in a worker thread and leaves the caller its bytes', async () => {
    parser = createEinvoiceParser({ workers: 1 });
    const pdf = await renderEinvoicePdf(invoice);
    const before = Buffer.from(pdf);
    const r = await parser.parse(pdf);
    if (!r.ok) throw new Error(r.reason.en);
    expect(r.facts.qr?.invoiceNum).toBe(invoice.invoiceNum);
    expect(r.facts.qr?.amountFen).toBe(4890);
    expect(r.facts.text.buyerName).toBe(invoice.buyerName);
    expect(Buffer.compare(pdf, before)).toBe(0);
  });

  it('answers hostile input with a specific zh/en reason', async () => {
    parser = createEinvoiceParser({ workers: 2 });
    const pdf = await renderEinvoicePdf(invoice);
    const [html, empty, truncated, garbage, manyPages, blank] = await Promise.all([
      parser.parse(Buffer.from('<!DOCTYPE html><html><body>链接已失效</body></html>')),
      parser.parse(new Uint8Array(0)),
      parser.parse(pdf.subarray(0, Math.floor(pdf.length * 0.3))),
      parser.parse(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(4096, 0x41)])),
      renderEinvoicePdf({ ...invoice, extraPages: MAX_PAGES + 10 }).then((b) => parser?.parse(b)),
      renderEinvoicePdf({ ...invoice, omitQr: true, omitText: true }).then((b) => parser?.parse(b)),
    ]);
    expect(html).toEqual({ ok: false, reason: { zh: '无法读取发票文件：内容不是 PDF（缺少 %PDF- 文件头）', en: 'The invoice file cannot be read: the content is not a PDF (no %PDF- header)' } });
    expect(empty?.ok).toBe(false);
    for (const r of [truncated, garbage]) {
      // pdfjs reconstructs what it can from a damaged file: either a refusal, or a file with no invoice facts.
      if (r?.ok === false) expect(r.reason.en).toMatch(/^The invoice file cannot be read: /);
      else expect(r?.ok && r.facts.qr === null && r.facts.text.invoiceNum === null).toBe(true);
    }
    expect(manyPages).toEqual({ ok: false, reason: { zh: `无法读取发票文件：共 ${MAX_PAGES + 11} 页，超过上限 ${MAX_PAGES} 页，不像一张发票`, en: `The invoice file cannot be read: ${MAX_PAGES + 11} pages, over the limit of ${MAX_PAGES}: not an invoice` } });
    // A readable PDF with neither QR nor text: facts with nothing in them (the check says "no QR and no text").
    expect(blank?.ok && blank.facts.qr === null && blank.facts.qrProblem?.zh === '文件中没有二维码（没有图片，渲染后的页面上也没有）' && blank.facts.text.totalFen === null).toBe(true);
  });

  it('refuses a decompression bomb before pdfjs inflates it (its buffers live outside the heap limit)', async () => {
    parser = createEinvoiceParser({ workers: 1 });
    const bomb = await deflateBombPdf(64);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await parser.parse(bomb)).toEqual({
      ok: false,
      reason: {
        zh: '无法读取发票文件：第 1 个压缩数据流解压后超过 32 MB，不像一张发票（疑似压缩炸弹）',
        en: 'The invoice file cannot be read: compressed stream 1 inflates to more than 32 MB: not an invoice (a likely decompression bomb)',
      },
    });
    // The same shape under the cap is read (a blank page: no facts, no refusal).
    const small = await parser.parse(await deflateBombPdf(2));
    expect(small.ok).toBe(true);
  });

  it('stops a file that exhausts its worker\'s heap, answers it, and reads the next file with a fresh worker', async () => {
    // 160 MB: enough for a worker to start under tsx and read an invoice (tried: 96 MB is not), not for
    // 3.6 million text items.
    parser = createEinvoiceParser({ workers: 1, heapMb: 160, timeoutMs: 120_000 });
    const warm = await parser.parse(await renderEinvoicePdf(invoice));
    expect(warm.ok).toBe(true);
    expect(await parser.parse(textFloodPdf(1_800_000))).toEqual({
      ok: false,
      reason: { zh: '无法读取发票文件：读取时所需内存超过上限 160 MB，已停止读取', en: 'The invoice file cannot be read: reading it needed more than the 160 MB memory limit and was stopped' },
    });
    const next = await parser.parse(await renderEinvoicePdf(invoice));
    expect(next.ok ? next.facts.qr?.invoiceNum : next.reason.en).toBe(invoice.invoiceNum);
  });

  it('refuses a file over its byte cap unread', async () => {
    parser = createEinvoiceParser({ maxBytes: 1000 });
    const r = await parser.parse(new Uint8Array(1001));
    expect(r).toEqual({ ok: false, reason: { zh: '无法读取发票文件：文件有 1001 字节，超过读取上限 1000 字节', en: 'The invoice file cannot be read: the file has 1001 bytes, over the 1000-byte reading limit' } });
  });

  it('answers a file whose worker is killed mid-parse, and the next file gets a fresh worker', async () => {
    const workers: Worker[] = [];
    parser = createEinvoiceParser({ workers: 1, onWorker: (w) => workers.push(w) });
    const pdf = await renderEinvoicePdf(invoice);
    const killed = parser.parse(pdf);
    // The worker is still loading pdfjs or parsing: stop it from outside, as a crash would.
    await workers[0]?.terminate();
    const r = await killed;
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason.en).toMatch(/^The invoice file cannot be read: the parse thread stopped unexpectedly \(exit code \d+\)$/);
    const next = await parser.parse(pdf);
    expect(next.ok).toBe(true);
    expect(workers).toHaveLength(2);
  });

  it('stops a parse that overruns its time limit and answers with the reason', async () => {
    // The worker's first file includes loading pdfjs (seconds through tsx): far over 1 ms.
    parser = createEinvoiceParser({ workers: 1, timeoutMs: 1 });
    const r = await parser.parse(await renderEinvoicePdf(invoice));
    expect(r).toEqual({ ok: false, reason: { zh: '无法读取发票文件：读取超过 1 毫秒仍未完成，已停止', en: 'The invoice file cannot be read: reading took longer than 1 ms and was stopped' } });
  });

  it('answers files still queued when it is closed', async () => {
    parser = createEinvoiceParser({ workers: 1 });
    const pdf = await renderEinvoicePdf(invoice);
    const pending = [parser.parse(pdf), parser.parse(pdf)];
    await parser.close();
    for (const r of await Promise.all(pending)) expect(r.ok).toBe(false);
    expect(await parser.parse(pdf)).toEqual({ ok: false, reason: { zh: '无法读取发票文件：解析器已关闭', en: 'The invoice file cannot be read: the parser is closed' } });
  });
});
