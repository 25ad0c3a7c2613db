// Node (Vitest). The esbuild output, not the sources: main.cjs and preload.cjs load in plain Node with a
// stand-in `electron`, start the real core, answer IPC, and expose the bridge. Catches bundling breakage
// (ESM-only syntax in CJS, a dependency that cannot be inlined, the import worker missing beside main.cjs)
// before anyone launches Electron.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/api/contract';
import { renderEinvoicePdf } from '../../../electron/sandbox/einvoice-pdf';

const root = path.resolve(import.meta.dirname, '../../..');
let base: string;
let out: string;

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
  out = path.join(base, 'electron');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--main', '--out', out], { cwd: root, stdio: 'pipe' });
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('built shell bundles', () => {
  it('start the core, answer IPC from our window, and expose only invoke/on', () => {
    const userData = path.join(base, 'userData');
    const appPath = path.join(base, 'app');
    mkdirSync(appPath, { recursive: true });
    const stdout = execFileSync(process.execPath, [path.join(import.meta.dirname, 'fixtures', 'run-built-shell.mjs'), out, userData, appPath], {
      cwd: root,
      encoding: 'utf8',
      // The bundle sits in a temp folder; its externals (better-sqlite3) come from the project, as from app.asar.
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
    });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
    expect(result).toMatchObject({
      windowUrl: 'app://invoice-recon/index.html',
      preload: path.join(appPath, 'dist', 'electron', 'preload.cjs'),
      info: { ok: true, value: { host: 'electron', version: '9.9.9-bundle', dataDir: userData } },
      listOk: true,
      imported: { ok: true, inserted: 5 },
      bridge: { key: 'api', functions: ['invoke', 'on'], unknown: { ok: false, error: { code: 'unknown_channel' } } },
    });
    expect(result.channels).toEqual([...CHANNELS].sort());
  });

  it.each([
    ['its QR image', false],
    ['a QR drawn as vectors (render fallback on @napi-rs/canvas)', true],
  ])('run the e-invoice parse worker from its own bundle beside main.cjs: an invoice with %s', async (_name, qrAsVector) => {
    const pdf = path.join(base, `invoice-${String(qrAsVector)}.pdf`);
    writeFileSync(pdf, await renderEinvoicePdf({ kind: 'blue', qrType: '32', invoiceCode: '', invoiceNum: '26320000000000012345', invoiceDate: '2026-09-03', buyerName: '个人', sellerName: '华东数码专营店', sellerTaxId: '91320106773973920L', amountFen: 4327, taxFen: 563, checkCode: '', qrAsVector }));
    const stdout = execFileSync(process.execPath, [path.join(import.meta.dirname, 'fixtures', 'run-built-parse-worker.mjs'), out, pdf], {
      cwd: base,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
    });
    const reply = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { id?: number; result?: { ok: boolean; facts?: { qr: { invoiceNum: string; amountFen: number } | null; text: { buyerName: string | null } } } };
    expect(reply.id).toBe(7);
    expect(reply.result?.ok).toBe(true);
    expect(reply.result?.facts?.qr).toMatchObject({ invoiceNum: '26320000000000012345', amountFen: 4890 });
    expect(reply.result?.facts?.text.buyerName).toBe('个人');
  }, 30_000);
});
