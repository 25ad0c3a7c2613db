// The Suning emulator's invoice files over real HTTP: each file case answers as seeded (status, content type,
// size), and the PDFs it serves are real e-invoices stating what the seed says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { startSandbox, type Sandbox } from '../../../electron/sandbox/sandbox';
import { FILE_WALK_THROUGH, type FileCase, type SeedFile } from '../../../electron/sandbox/seed';
import { HUGE_FILE_BYTES, pdfInputOf } from '../../../electron/sandbox/einvoice-files';
import { totalFen } from '../../../electron/sandbox/einvoice-pdf';
import { readEinvoicePdf } from '../../../electron/services/archive/parse/read-pdf';
import { yuanToFen } from '../../../shared/domain/money';

interface Got {
  readonly status: number;
  readonly type: string;
  readonly length: number | null;
  readonly body: Buffer;
  /** True when the connection ended before Content-Length bytes arrived. */
  readonly cut: boolean;
  readonly ms: number;
}

/** A plain GET that keeps what arrived even when the server drops the connection. */
function get(url: string): Promise<Got> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, (res) => {
      const parts: Buffer[] = [];
      let cut = false;
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('aborted', () => {
        cut = true;
      });
      res.on('error', () => {
        cut = true;
      });
      res.on('close', () => {
        const body = Buffer.concat(parts);
        const length = res.headers['content-length'] === undefined ? null : Number(res.headers['content-length']);
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', length, body, cut: cut || (length !== null && body.length < length), ms: performance.now() - t0 });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the Suning emulator serves the invoices’ files', () => {
  let sb: Sandbox;
  const byCase = new Map<FileCase, SeedFile>();
  beforeAll(async () => {
    sb = await startSandbox({ orders: 12, seed: 1, slowFileMs: 300 });
    for (const f of sb.data.files.values()) if (!byCase.has(f.fileCase)) byCase.set(f.fileCase, f);
  });
  afterAll(() => sb.close());

  const file = (c: FileCase): SeedFile => {
    const f = byCase.get(c);
    if (!f) throw new Error(`no ${c} file in the sandbox`);
    return f;
  };

  it('links every invoice to the emulator itself, and the first invoices walk through every file case', () => {
    const files = [...sb.data.files.values()];
    expect(files.slice(0, FILE_WALK_THROUGH.length).map((f) => f.fileCase)).toEqual([...FILE_WALK_THROUGH]);
    for (const f of files) expect(f.invoice.invoicePdfUrl).toBe(`${sb.suning.url}/dzfp/${f.invoice.invoiceCode}${f.invoice.invoiceNum}.pdf`);
    // The ERP records of matched orders hold the same link.
    const matched = [...sb.data.caseByOrder].find(([, c]) => c === 'matched')?.[0];
    expect(sb.erpRecords.find((r) => r.orderNo === matched)?.pdfUrl).toBe(sb.data.invoicesByOrder.get(matched ?? '')?.[0]?.invoicePdfUrl);
  });

  it.each(['ok', 'amount_differs', 'number_differs'] as const)('%s: 200 application/pdf, a real e-invoice', async (c) => {
    const f = file(c);
    const got = await get(f.invoice.invoicePdfUrl ?? '');
    expect([got.status, got.type, got.cut]).toEqual([200, 'application/pdf', false]);
    expect(got.length).toBe(got.body.length);
    const r = await readEinvoicePdf(got.body);
    if (!r.ok) throw new Error(r.reason.en);
    const suningTotal = Math.abs(yuanToFen(f.invoice.invoiceAmount));
    const fileTotal = Math.abs(r.facts.text.totalFen ?? 0);
    expect(fileTotal === suningTotal).toBe(c !== 'amount_differs');
    expect(r.facts.qr?.invoiceNum === f.invoice.invoiceNum).toBe(c !== 'number_differs');
    expect(r.facts.text.buyerName).toBe(f.buyerName);
    expect(fileTotal).toBe(Math.abs(totalFen(pdfInputOf(f, '91320106773973920L'))));
  }, 30_000);

  it('a 数电票 file states 价税合计 in its QR code', async () => {
    const f = [...sb.data.files.values()].find((x) => x.invoice.invoiceCode === '' && x.fileCase === 'ok');
    const got = await get(f?.invoice.invoicePdfUrl ?? '');
    const r = await readEinvoicePdf(got.body);
    if (!r.ok) throw new Error(r.reason.en);
    expect(r.facts.qr).toMatchObject({ digital: true, invoiceCode: '', amountMeaning: 'tax_included', amountFen: yuanToFen(f?.invoice.invoiceAmount ?? '') });
  }, 30_000);

  it('expired_404: 404 with an HTML page', async () => {
    const got = await get(file('expired_404').invoice.invoicePdfUrl ?? '');
    expect([got.status, got.type]).toEqual([404, 'text/html; charset=utf-8']);
    expect(got.body.toString()).toContain('404 Not Found');
  });

  it('expired_page: 200 with an HTML "链接已失效" page', async () => {
    const got = await get(file('expired_page').invoice.invoicePdfUrl ?? '');
    expect([got.status, got.type]).toEqual([200, 'text/html; charset=utf-8']);
    expect(got.body.toString()).toContain('链接已失效');
  });

  it('not_pdf: 200 application/pdf whose body is no PDF', async () => {
    const got = await get(file('not_pdf').invoice.invoicePdfUrl ?? '');
    expect([got.status, got.type]).toEqual([200, 'application/pdf']);
    expect(got.body.subarray(0, 5).toString()).not.toBe('%PDF-');
  });

  it('truncated: announces the whole length and sends part of it', async () => {
    const f = file('truncated');
    const got = await get(f.invoice.invoicePdfUrl ?? '');
    const whole = await sb.suningEmulator.pdfOf(f);
    expect([got.status, got.type, got.length, got.cut]).toEqual([200, 'application/pdf', whole.length, true]);
    expect(got.body.length).toBeLessThan(whole.length);
    expect(Buffer.compare(got.body, whole.subarray(0, got.body.length))).toBe(0);
  });

  it('huge: a PDF over 20 MB, streamed with its length', async () => {
    const got = await get(file('huge').invoice.invoicePdfUrl ?? '');
    expect([got.status, got.type, got.length, got.body.length, got.cut]).toEqual([200, 'application/pdf', HUGE_FILE_BYTES, HUGE_FILE_BYTES, false]);
    expect(HUGE_FILE_BYTES).toBeGreaterThan(20 * 1024 * 1024);
    expect(got.body.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('slow: the whole PDF, after a stall mid-file', async () => {
    const f = file('slow');
    const got = await get(f.invoice.invoicePdfUrl ?? '');
    expect([got.status, got.cut]).toEqual([200, false]);
    expect(Buffer.compare(got.body, await sb.suningEmulator.pdfOf(f))).toBe(0);
    // Not a timing threshold on the machine: the emulator's own stall (slowFileMs 300) is a lower bound.
    expect(got.ms).toBeGreaterThanOrEqual(290);
  });

  it('answers 404 for a path no invoice has and 405 for anything but GET, and records every file request', async () => {
    const before = sb.suningEmulator.fileRequests.length;
    expect((await get(`${sb.suning.url}/dzfp/00000000000000000000.pdf`)).status).toBe(404);
    const post = await fetch(file('ok').invoice.invoicePdfUrl ?? '', { method: 'POST' });
    expect(post.status).toBe(405);
    const seen = sb.suningEmulator.fileRequests.slice(before);
    expect(seen.map((r) => [r.fileCase, r.status])).toEqual([
      [null, 404],
      ['ok', 405],
    ]);
    // File requests are not API queries.
    expect(sb.suningEmulator.received.every((r) => !r.body.includes('dzfp'))).toBe(true);
  });
});
