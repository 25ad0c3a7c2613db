// The exception paths through the CLI host (real child processes, real emulators): 标记开票失败 sends exactly
// 75 / 65 with the reason for invoices Suning has not issued or has fully reversed, and never an 80 for them;
// what the plan does not allow to be marked is refused with why and never sent.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import { DATABASE_FILE } from '../../../electron/services/app-core';
import { envFor, tempDir, type Sandbox } from '../../support/core-harness';
import { runCliProcess as cli } from '../../support/processes';

describe('exception paths through the CLI', () => {
  let sb: Sandbox;
  const tmp = tempDir();
  let env: Record<string, string>;
  let data: string[];
  let dataDir: string;

  function invoiceNos(where: string): string[] {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare(`SELECT invoice_no FROM invoices WHERE ${where} ORDER BY invoice_no`).pluck().all() as string[];
    } finally {
      db.close();
    }
  }
  const nth = (where: string, i: number): string => {
    const no = invoiceNos(where)[i];
    if (no === undefined) throw new Error(`the seed has no invoice #${i} where ${where}`);
    return no;
  };
  /** What the Wangdiantong emulator received for one invoice (its own log). */
  const receivedFor = (no: string) => sb.wangdianEmulator.received.filter((r) => r.params.invoice_no === no).map((r) => r.params);
  function audit(action: string): { target: string; details: string }[] {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare('SELECT target, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { target: string; details: string }[];
    } finally {
      db.close();
    }
  }

  beforeAll(async () => {
    sb = await startSandbox({ orders: 120, seed: 13 });
    env = envFor(sb);
    dataDir = path.join(tmp.dir, 'data');
    data = ['--data-dir', dataDir];
    writeFileSync(path.join(tmp.dir, 'erp.csv'), erpRecordsToCsv(sb.erpRecords));
    expect((await cli(['import', path.join(tmp.dir, 'erp.csv'), ...data], env)).code).toBe(0);
    await cli(['query-suning', '--all', ...data], env);
  }, 60_000);
  afterAll(async () => {
    await sb.close();
    tmp.remove();
  });

  it('标记开票失败: a reversed invoice goes as 75 with its reason, a not-issued one as 65; never as 80', async () => {
    const reversed = nth("recon_status = 'reversed'", 0);
    const notIssued = nth("recon_status = 'not_issued'", 0);
    const r75 = await cli(['submit', '--invoice-no', reversed, '--status', '75', '--reason', '蓝票已全额冲红，客户取消', ...data, '--json'], env);
    expect(r75.code, r75.stderr).toBe(0);
    expect(receivedFor(reversed)).toEqual([expect.objectContaining({ status: '75', error_info: '蓝票已全额冲红，客户取消' })]);
    const r65 = await cli(['submit', '--invoice-no', notIssued, '--status', '65', '--reason', 'Suning never issued it', ...data], env);
    expect(r65.code, r65.stderr).toBe(0);
    expect(receivedFor(notIssued)).toEqual([expect.objectContaining({ status: '65', error_info: 'Suning never issued it' })]);
    expect(audit('invoice.mark_failed').map((a) => a.target)).toEqual([reversed, notIssued]);
    expect(JSON.parse(audit('invoice.mark_failed')[0]?.details ?? '{}')).toMatchObject({ status: 75, reason: '蓝票已全额冲红，客户取消', reconStatus: 'reversed' });
  }, 60_000);

  it('in bulk, marks the never-80 invoices and refuses the others (exit 1, stderr names them, nothing sent for them)', async () => {
    const a = nth("recon_status = 'reversed'", 1);
    const b = nth("recon_status = 'not_issued'", 1);
    const matched = nth("recon_status = 'matched'", 0);
    const r = await cli(['submit', '--invoice-no', a, '--invoice-no', b, '--invoice-no', matched, '--status', '75', '--reason', '客户取消订单', ...data, '--json'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(matched);
    expect(r.stderr).toMatch(/不可回传成功.*never 80/);
    const out = JSON.parse(r.stdout) as { job: { total: number; failed: number }; notMarked: { count: number }[] };
    expect(out.job).toMatchObject({ total: 2, failed: 0 });
    expect(out.notMarked.reduce((n, g) => n + g.count, 0)).toBe(1);
    for (const no of [a, b]) expect(receivedFor(no)).toEqual([expect.objectContaining({ status: '75', error_info: '客户取消订单' })]);
    expect(receivedFor(matched)).toEqual([]);
  }, 60_000);

  it('refuses 65/75 without a reason or as 80, and a plain submit of such an invoice never sends 80', async () => {
    const c = nth("recon_status = 'reversed'", 2);
    const noReason = await cli(['submit', '--invoice-no', c, '--status', '75', ...data], env);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toMatch(/--reason/);
    const blank = await cli(['submit', '--invoice-no', c, '--status', '75', '--reason', '   ', ...data], env);
    expect(blank.code).toBe(2);
    const bad = await cli(['submit', '--invoice-no', c, '--status', '80', '--reason', 'x', ...data], env);
    expect(bad.code).toBe(2);
    expect(receivedFor(c)).toEqual([]);
    const plain = await cli(['submit', '--invoice-no', c, ...data], env);
    expect(plain.code).toBe(1);
    expect(receivedFor(c)).toEqual([]);
    for (const r of sb.wangdianEmulator.received) {
      const no = r.params.invoice_no ?? '';
      if (invoiceNos("recon_status IN ('reversed', 'not_issued')").includes(no)) expect(r.params.status, no).not.toBe('80');
    }
  }, 60_000);
});
