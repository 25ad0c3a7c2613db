// The archive through the CLI host (real child processes, real SQLite, real HTTP over loopback): `archive` and
// `export-archive` exit codes, and a process SIGKILLed mid-download that leaves nothing under a hash and is
// finished by the next run.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SuningInvoice } from '../../../shared/domain/invoice';
import { createAppCore } from '../../../electron/services/app-core';
import { tempDir, testCipher } from '../../support/core-harness';
import { pdfRoute, startFileServer, tinyPdf, type FileServer } from '../../support/file-server';
import { readDb, runCliProcess as cli, spawnApp, spawnCli, until } from '../../support/processes';

let server: FileServer;
const tmp = tempDir('ir-archive-cli-');
let n = 0;

function suning(orderNo: string, invoiceNum: string, pdfUrl: string): SuningInvoice {
  return {
    orderNo, orderItemId: 'I1', saleOrg: '10001', saleTaxNo: '91320000X', invoiceFlag: '01', invoiceType: 1,
    invoiceCode: '', invoiceNum, amountFen: 10050, noTaxAmountFen: 8894, invoiceDate: '2026-01-02',
    securityCode: '', oldInvoiceCode: '', oldInvoiceNum: '', logisticsOrderId: '', logisticsComp: '',
    invoiceStatus: '2', pdfUrl,
  };
}

/** A data folder with one invoice per link (its order's Suning blue pointing there). */
async function folder(links: readonly string[]): Promise<string> {
  const dir = path.join(tmp.dir, `d${++n}`);
  const core = await createAppCore({ dataDir: dir, host: 'cli', cipher: testCipher(), version: 'test', resumeJobs: false, restorePractice: false });
  try {
    const r = core.services.repos;
    r.invoices.upsertMany(links.map((_, i) => ({
      invoiceNo: `F${i + 1}`, orderNo: `O${i + 1}`, billType: '01' as const, shop: 'S', saleOrg: '10001', buyerTitle: 'B', amountFen: 10050,
      taxAmountFen: null, invoiceDate: '2026-01-02', invoiceCode: '', invoiceNum: '', pdfUrl: '', targetStatus: 80 as const, errorInfo: '',
    })), 'test');
    links.forEach((url, i) => {
      r.suning.replaceForOrder(`O${i + 1}`, [suning(`O${i + 1}`, `2632200000001234567${i}`, url)], {});
      r.suning.logQuery({ orderNo: `O${i + 1}`, billType: '01', outcome: 'found', invoices: 1 });
    });
    core.services.settings.update({ archive: { rps: 100, concurrency: 2 } });
  } finally {
    await core.close();
  }
  return dir;
}

/** Files under archive/ other than tmp/: what landed under a hash. */
function stored(dir: string): string[] {
  const root = path.join(dir, 'archive');
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((d) => d !== 'tmp').flatMap((d) => readdirSync(path.join(root, d)));
}

beforeAll(async () => {
  server = await startFileServer();
  server.route('/a.pdf', pdfRoute(tinyPdf('a')));
  server.route('/b.pdf', pdfRoute(tinyPdf('b')));
});
afterAll(async () => {
  await server.close();
  tmp.remove();
});

describe('archive CLI', () => {
  it('archive exits 0 when every file is stored and 1 naming the outcome when one is not; bad usage exits 2', async () => {
    const ok = await folder([`${server.base}/a.pdf`, `${server.base}/b.pdf`]);
    const r = await cli(['archive', '--json', '--data-dir', ok], {});
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { state: string; done: number; failed: number; verdicts: Record<string, number> };
    expect(out).toMatchObject({ state: 'done', done: 2, failed: 0 });
    expect(Object.values(out.verdicts).reduce((a, b) => a + b, 0)).toBe(2);
    expect(stored(ok)).toHaveLength(2);

    const bad = await folder([`${server.base}/a.pdf`, `${server.base}/missing.pdf`]);
    const b = await cli(['archive', '--data-dir', bad], {});
    expect(b.code).toBe(1);
    expect(b.stdout).toContain('link_expired');
    expect(b.stdout).toContain('链接已失效');

    expect((await cli(['archive', '--status', 'nonsense', '--data-dir', ok], {})).code).toBe(2);
  });

  it('archive exits 3 while the app owns the folder; export-archive still reads it', async () => {
    const dir = await folder([`${server.base}/a.pdf`]);
    expect((await cli(['archive', '--data-dir', dir], {})).code).toBe(0);
    const app = spawnApp(dir, 'hold', {});
    try {
      await app.line(/^READY/);
      const r = await cli(['archive', '--data-dir', dir], {});
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/数据文件夹|data folder/);
      const zipFile = path.join(tmp.dir, 'while-held.zip');
      expect((await cli(['export-archive', zipFile, '--data-dir', dir], {})).code).toBe(0);
      expect(Object.keys((await JSZip.loadAsync(readFileSync(zipFile))).files)).toHaveLength(3);
    } finally {
      app.process.stdin.end();
      await app.exited;
    }
  });

  it('export-archive writes the ZIP with the files and the index; a name without .zip exits 2', async () => {
    const dir = await folder([`${server.base}/a.pdf`, `${server.base}/b.pdf`]);
    expect((await cli(['archive', '--data-dir', dir], {})).code).toBe(0);
    const zipFile = path.join(tmp.dir, 'hand-over.zip');
    const r = await cli(['export-archive', zipFile, '--json', '--data-dir', dir], {});
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 2, files: 2 });
    const zip = await JSZip.loadAsync(readFileSync(zipFile));
    expect(Object.keys(zip.files).sort()).toEqual([
      '2026-01-02_26322000000012345670_100.50.pdf', '2026-01-02_26322000000012345671_100.50.pdf', '索引.csv', '索引.xlsx',
    ]);
    expect((await cli(['export-archive', path.join(tmp.dir, 'x.tar'), '--data-dir', dir], {})).code).toBe(2);
  });

  it('a process killed mid-download leaves nothing under a hash; the next run finishes the file', async () => {
    let serveWhole = false;
    const whole = tinyPdf('killed', 200_000);
    server.route('/stall.pdf', (res) => {
      if (serveWhole) {
        pdfRoute(whole)(res, new URL('http://x'));
        return;
      }
      // Half the file, then nothing: the download is in flight when the process is killed.
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(whole.length) });
      res.write(whole.subarray(0, 100_000));
    });
    const dir = await folder([`${server.base}/stall.pdf`]);
    const child = spawnCli(['archive', '--data-dir', dir], {});
    const tmpDir = path.join(dir, 'archive', 'tmp');
    await until(() => existsSync(tmpDir) && readdirSync(tmpDir).some((f) => f.endsWith('.part')), child.exited);
    child.process.kill('SIGKILL');
    const exited = await child.exited;
    expect(exited.signal).toBe('SIGKILL');
    expect(stored(dir)).toEqual([]);
    expect(readDb(dir, 'SELECT COUNT(*) AS n FROM invoice_files')).toEqual([{ n: 0 }]);
    expect(readDb<{ kind: string; state: string }>(dir, 'SELECT kind, state FROM jobs')).toEqual([{ kind: 'archive', state: 'running' }]);

    serveWhole = true;
    const again = await cli(['archive', '--json', '--data-dir', dir], {});
    expect(again.code).toBe(0);
    const out = JSON.parse(again.stdout) as { resumed: number[] };
    expect(out.resumed).toHaveLength(1);
    expect(readdirSync(tmpDir)).toEqual([]);
    expect(stored(dir)).toHaveLength(1);
    const row = readDb<{ outcome: string; size: number }>(dir, 'SELECT outcome, size FROM invoice_files')[0];
    expect(row).toEqual({ outcome: 'stored', size: whole.length });
    expect(readDb<{ state: string }>(dir, 'SELECT state FROM jobs ORDER BY id')).toEqual([{ state: 'done' }, { state: 'done' }]);
  });
});
