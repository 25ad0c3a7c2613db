// Node (Vitest), real files and the real downloads store. 打开原件 in the browser host: the stored file is copied
// behind a one-time download URL (as an export), only after the archive check.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDownloads, DOWNLOAD_PREFIX } from '../../../../electron/hosts/browser/downloads';
import { downloadFileOpener } from '../../../../electron/hosts/browser/open-file';
import { AppError } from '../../../../shared/errors';

const SHA = '34'.padEnd(64, 'b');
let base: string;
let root: string;
let stored: string;
const downloads = createDownloads();

beforeAll(() => {
  base = mkdtempSync(path.join(os.tmpdir(), 'open-file-browser-'));
  root = path.join(base, 'archive');
  mkdirSync(path.join(root, '34'), { recursive: true });
  stored = path.join(root, '34', `${SHA}.pdf`);
  writeFileSync(stored, '%PDF-1.7\nbody\n%%EOF\n');
});
afterAll(async () => {
  await downloads.close();
  rmSync(base, { recursive: true, force: true });
});

/** A writable that takes what serve() sends, as a response would. */
function fakeResponse() {
  const body = new PassThrough();
  const headers: Record<string, unknown> = {};
  const chunks: Buffer[] = [];
  body.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((r) => body.on('end', () => r()));
  const res = Object.assign(body, { writeHead(_status: number, h: Record<string, unknown>) { Object.assign(headers, h); return res; } });
  return { res: res as unknown as ServerResponse, headers, bytes: async () => { await ended; return Buffer.concat(chunks); } };
}

describe('downloadFileOpener', () => {
  it('offers the stored bytes once under the clerk-facing name, as a PDF', async () => {
    const opened = await downloadFileOpener(downloads).open({ root, path: stored, fileName: '00036494.pdf' });
    expect(opened?.downloadUrl.startsWith(DOWNLOAD_PREFIX)).toBe(true);
    const id = (opened?.downloadUrl ?? '').slice(DOWNLOAD_PREFIX.length);
    const r = fakeResponse();
    expect(downloads.serve(id, r.res, false)).toBe(true);
    expect(r.headers['Content-Type']).toBe('application/pdf');
    expect(String(r.headers['Content-Disposition'])).toContain('00036494.pdf');
    expect((await r.bytes()).equals(readFileSync(stored))).toBe(true);
    r.res.emit('close');
    // One-time: the copy is gone once sent.
    expect(downloads.serve(id, fakeResponse().res, true)).toBe(false);
  });

  it('refuses a path outside the archive without creating a download', async () => {
    const outside = path.join(base, 'invoices.db');
    writeFileSync(outside, 'db');
    const e = await downloadFileOpener(downloads).open({ root, path: outside, fileName: 'x.pdf' }).catch((error: unknown) => error);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('forbidden');
  });
});
