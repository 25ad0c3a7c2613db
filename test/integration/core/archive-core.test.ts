// Integration (Node, real core, real SQLite, real HTTP over loopback): the archive job (issue 15 §1) and the
// ZIP hand-over (§3) through the channels every host uses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import type { SuningInvoice } from '../../../shared/domain/invoice';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';
import { call, exportedFile, tempDir, testCipher } from '../../support/core-harness';
import { pdfRoute, startFileServer, tinyPdf, type FileServer } from '../../support/file-server';

let server: FileServer;
let dir: ReturnType<typeof tempDir>;
let core: AppCore;

function suning(orderNo: string, invoiceNum: string, pdfUrl: string, over: Partial<SuningInvoice> = {}): SuningInvoice {
  return {
    orderNo, orderItemId: 'I1', saleOrg: '10001', saleTaxNo: '91320000X', invoiceFlag: '01', invoiceType: 1,
    invoiceCode: '', invoiceNum, amountFen: 10050, noTaxAmountFen: 8894, invoiceDate: '2026-01-02',
    securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '',
    invoiceStatus: '2', pdfUrl, ...over,
  };
}

/** Invoices F1…Fn on orders O1…On, each with one Suning blue whose link is `links[i]`. */
function seed(links: readonly string[]): void {
  const r = core.services.repos;
  r.invoices.upsertMany(links.map((_, i) => ({
    invoiceNo: `F${i + 1}`, orderNo: `O${i + 1}`, billType: '01' as const, shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 10050,
    taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80 as const, errorInfo: '',
  })), 'test');
  links.forEach((url, i) => {
    r.suning.replaceForOrder(`O${i + 1}`, [suning(`O${i + 1}`, `2632200000001234567${i}`, url)], {});
    r.suning.logQuery({ orderNo: `O${i + 1}`, billType: '01', outcome: 'found', invoices: 1 });
  });
}

async function archiveAll() {
  const { jobId } = await call(core, 'archive:start', { selection: { kind: 'filter', filter: {} } });
  return core.services.jobs.wait(jobId);
}

beforeEach(async () => {
  server = await startFileServer();
  dir = tempDir('ir-archive-');
  core = await createAppCore({ dataDir: dir.dir, host: 'browser', cipher: testCipher(), version: 'test', resumeJobs: false, restorePractice: false });
  core.services.settings.update({ archive: { rps: 200, concurrency: 4 } });
});
afterEach(async () => {
  await core.close();
  await server.close();
  dir.remove();
});

describe('archive job', () => {
  it('stores good files under their hash, records every outcome per Suning invoice, and a second run fetches nothing', async () => {
    server.route('/a.pdf', pdfRoute(tinyPdf('a')));
    server.route('/b.pdf', pdfRoute(tinyPdf('b')));
    server.route('/expired', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>链接已失效</html>'));
    server.route('/junk', (res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('GIF89a not a pdf'));
    seed([`${server.base}/a.pdf`, `${server.base}/b.pdf`, `${server.base}/expired`, `${server.base}/junk`, `${server.base}/gone.pdf`]);

    const p = await archiveAll();
    expect(p).toMatchObject({ kind: 'archive', state: 'done', total: 5, done: 2, failed: 3 });
    const files = core.services.repos.files;
    const outcomes = [1, 2, 3, 4, 5].map((i) => files.forOrder(`O${i}`)[0]?.outcome);
    expect(outcomes).toEqual(['stored', 'stored', 'link_expired', 'not_pdf', 'link_expired']);
    const a = files.forOrder('O1')[0];
    expect(a).toMatchObject({ httpStatus: 200, size: tinyPdf('a').length, attempts: 1, sourceUrl: `${server.base}/a.pdf` });
    expect(existsSync(path.join(dir.dir, 'archive', (a?.sha256 ?? '').slice(0, 2), `${a?.sha256}.pdf`))).toBe(true);
    // Failed items say which outcome, zh and en.
    const failedItems = core.services.repos.jobs.items(p.jobId, 'failed');
    expect(failedItems.map((i) => i.code).sort()).toEqual(['link_expired', 'link_expired', 'not_pdf']);
    expect(failedItems.find((i) => i.code === 'not_pdf')?.message).toContain('不是 PDF 文件 / not a PDF file');
    // Every invoice has a verdict beside its reconciliation, and the list filters on it.
    const rows = (await call(core, 'invoices:list', { filter: { fileVerdict: ['unavailable'] } })).rows;
    expect(rows.length).toBe(5);

    const requests = server.seen.length;
    const again = await archiveAll();
    // Stored files are not fetched again; the dead links are tried once more (a clerk asked again).
    expect(again).toMatchObject({ state: 'done', done: 2, failed: 3 });
    expect(server.seen.slice(requests).map((q) => q.path).sort()).toEqual(['/expired', '/gone.pdf', '/junk']);
    expect(files.forOrder('O1')[0]?.attempts).toBe(1);
  });

  it('fetches a link shared by two Suning invoices once', async () => {
    server.route('/same.pdf', pdfRoute(tinyPdf('same')));
    seed([`${server.base}/same.pdf`, `${server.base}/same.pdf`]);
    core.services.settings.update({ archive: { concurrency: 1 } });
    expect(await archiveAll()).toMatchObject({ state: 'done', done: 2, failed: 0 });
    expect(server.seen.filter((q) => q.path === '/same.pdf')).toHaveLength(1);
    const [one, two] = [core.services.repos.files.forOrder('O1')[0], core.services.repos.files.forOrder('O2')[0]];
    expect(one?.sha256).toBe(two?.sha256);
  });

  it('shows the files and their check in the invoice detail, and gives the hosts the stored path to open', async () => {
    server.route('/a.pdf', pdfRoute(tinyPdf('detail')));
    seed([`${server.base}/a.pdf`]);
    await archiveAll();
    const id = core.services.repos.invoices.getByInvoiceNo('F1')?.id ?? 0;
    const d = await call(core, 'invoices:get', { id });
    expect(d.files).toHaveLength(1);
    expect(d.files[0]).toMatchObject({ outcome: 'stored', kind: 'blue', suningInvoiceNum: '26322000000012345670' });
    expect(d.fileCheck.verdict).toBe(d.invoice.fileVerdict);
    const opened = await core.services.archive.filePath(d.files[0]?.id ?? 0);
    expect(readFileSync(opened.path).equals(tinyPdf('detail'))).toBe(true);
    await expect(core.services.archive.filePath(9999)).rejects.toThrow(/9999/);
  });

  it('cancels: what is in flight stops, the items stay pending, nothing half-written is left', async () => {
    server.route('/slow.pdf', (res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.write('%PDF-1.7\n');
    });
    seed([`${server.base}/slow.pdf`, `${server.base}/slow.pdf?2`]);
    const { jobId } = await call(core, 'archive:start', { selection: { kind: 'filter', filter: {} } });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (server.seen.some((q) => q.path === '/slow.pdf')) {
          clearInterval(t);
          resolve();
        }
      }, 5);
    });
    const p = await call(core, 'jobs:cancel', { jobId });
    expect(p).toMatchObject({ state: 'cancelled', done: 0, failed: 0 });
    expect(core.services.repos.jobs.items(jobId, 'pending')).toHaveLength(2);
    expect(readdirSync(path.join(dir.dir, 'archive', 'tmp'))).toEqual([]);
    expect(core.services.repos.files.count()).toBe(0);
  });
});

describe('the write-back plan and the file verdict', () => {
  it('a file that differs blocks the automatic write-back of a matched invoice; an unavailable file does not', async () => {
    const url = `${server.base}/gone.pdf`;
    seed([url]);
    const r = core.services.repos;
    const id = r.invoices.getByInvoiceNo('F1')?.id ?? 0;
    r.invoices.update(id, { invoiceNum: '26322000000012345670', invoiceCode: '', pdfUrl: url });
    const planOf = async () => (await call(core, 'invoices:list', { filter: {} })).rows[0];
    expect(await planOf()).toMatchObject({ reconStatus: 'matched', fileVerdict: 'not_downloaded', plan: 'submit' });
    await archiveAll();
    expect(await planOf()).toMatchObject({ fileVerdict: 'unavailable', plan: 'submit' });

    const facts = {
      pages: 1,
      qr: { type: '32', digital: true, invoiceCode: '', invoiceNum: '26322000000012345670', amountFen: 99_999, amountMeaning: 'tax_included' as const, invoiceDate: '2026-01-02', checkCode: '' },
      qrProblem: null,
      text: { invoiceNum: null, invoiceCode: null, invoiceDate: null, buyerName: null, sellerTaxId: null, totalFen: null, amountFen: null, red: false },
    };
    r.files.record({
      orderNo: 'O1', suningInvoiceNum: '26322000000012345670', suningInvoiceCode: '', kind: 'blue', sourceUrl: url, outcome: 'stored',
      outcomeDetail: 'HTTP 200', httpStatus: 200, sha256: 'c'.repeat(64), size: 10, attempts: 1, facts, parseProblem: null,
    });
    const row = await planOf();
    expect(row).toMatchObject({ fileVerdict: 'mismatch', plan: 'needs_clerk' });
    expect(row?.planReason.zh).toContain('发票原件');
    const preview = await call(core, 'submit:preview', { selection: { kind: 'filter', filter: {} } });
    expect(preview.as80.count).toBe(0);
    expect(preview.skipped).toEqual([expect.objectContaining({ refusal: 'needs_clerk', count: 1 })]);
  });
});

describe('archive ZIP', () => {
  it('holds each stored file once under the template name (duplicates numbered) plus an index with verdict and SHA-256', async () => {
    server.route('/a.pdf', pdfRoute(tinyPdf('a')));
    server.route('/b.pdf', pdfRoute(tinyPdf('b')));
    seed([`${server.base}/a.pdf`, `${server.base}/b.pdf`, `${server.base}/gone`]);
    await archiveAll();
    // Same template values for both files: the second gets a number.
    await call(core, 'settings:update', { archive: { zipNameTemplate: '{开票日期}_{价税合计}.pdf' } });
    const out = await call(core, 'export:archive', { filter: {} });
    expect(out.fileName).toMatch(/^发票原件-.*\.zip$/);
    expect(out.rows).toBe(3);
    const zip = await JSZip.loadAsync(exportedFile(core, out));
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual(['2026-01-02_100.50 (2).pdf', '2026-01-02_100.50.pdf', '索引.csv', '索引.xlsx'].sort());
    const pdfs = await Promise.all(['2026-01-02_100.50.pdf', '2026-01-02_100.50 (2).pdf'].map((n) => zip.file(n)?.async('nodebuffer')));
    expect(pdfs.map((b) => b?.toString('latin1').match(/Title \((\w)\)/)?.[1]).sort()).toEqual(['a', 'b']);
    const csv = (await zip.file('索引.csv')?.async('string')) ?? '';
    const sha = core.services.repos.files.forOrder('O1')[0]?.sha256 ?? 'missing';
    expect(csv).toContain(sha);
    expect(csv).toContain('原件核验');
    expect(csv).toContain('链接已失效');
    // The ordinary invoice export carries the verdict too.
    const plain = exportedFile(core, await call(core, 'export:invoices', { filter: {}, format: 'csv' })).toString('utf8');
    const [header, ...lines] = plain.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const col = (header ?? '').split(',').indexOf('原件核验');
    expect(col).toBeGreaterThan(0);
    expect(lines.map((l) => l.split(',')[col]).every((v) => ['原件一致', '原件不符', '原件不可用', '未下载'].includes(v ?? ''))).toBe(true);
  });

  it('refuses a template with an unknown placeholder, naming it in zh and en', async () => {
    const error = (() => {
      try {
        core.services.settings.update({ archive: { zipNameTemplate: '{发票号}.pdf' } });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toMatchObject({ code: 'validation' });
    expect(JSON.stringify(error)).toContain('占位符 {发票号} 不存在');
    expect(JSON.stringify(error)).toContain('unknown placeholder {发票号}');
    expect(core.services.settings.get().archive.zipNameTemplate).toBe('{开票日期}_{发票号码}_{价税合计}.pdf');
  });
});
