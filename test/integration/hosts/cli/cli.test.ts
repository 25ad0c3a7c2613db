// The CLI host as a clerk's script would run it: a real child process, real emulators, exit codes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../../../electron/sandbox/erp-csv';
import { runCli } from '../../../../electron/hosts/cli/main';
import { envFor, tempDir, type Sandbox } from '../../../support/core-harness';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { DATABASE_FILE } from '../../../../electron/services/app-core';
import { runCliProcess as cli } from '../../../support/processes';

describe('invoice-recon CLI', () => {
  let sb: Sandbox;
  const tmp = tempDir();
  let env: Record<string, string>;
  let data: string[];

  beforeAll(async () => {
    sb = await startSandbox({ orders: 50, seed: 8 });
    env = envFor(sb);
    data = ['--data-dir', path.join(tmp.dir, 'data')];
    writeFileSync(path.join(tmp.dir, 'erp.csv'), erpRecordsToCsv(sb.erpRecords));
  });
  afterAll(async () => {
    await sb.close();
    tmp.remove();
  });

  it('imports, queries, submits, reports status and exports with meaningful exit codes', async () => {
    const imp = await cli(['import', path.join(tmp.dir, 'erp.csv'), ...data, '--json'], env);
    expect(imp.stderr).toBe('');
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ inserted: sb.erpRecords.length, invalid: [] });

    const q = await cli(['query-suning', '--all', ...data, '--json'], env);
    const qj = JSON.parse(q.stdout) as { state: string; failed: number; total: number };
    expect(qj.state).toBe('done');
    expect(qj.total).toBe(sb.erpRecords.length);
    expect(q.code).toBe(qj.failed > 0 ? 1 : 0);

    const st = await cli(['status', ...data, '--json'], env);
    expect(st.code).toBe(0);
    const sj = JSON.parse(st.stdout) as { total: number; byRecon: Record<string, number> };
    expect(sj.total).toBe(sb.erpRecords.length);
    expect(sj.byRecon.not_queried).toBe(0);
    const matched = sj.byRecon.matched ?? 0;
    expect(matched).toBeGreaterThan(0);

    const sub = await cli(['submit', '--ready', ...data, '--json'], env);
    expect(sub.code).toBe(0);
    expect(JSON.parse(sub.stdout)).toMatchObject({ state: 'done', done: matched, failed: 0 });

    const out = path.join(tmp.dir, 'matched.csv');
    const ex = await cli(['export', out, '--status', 'matched', ...data], env);
    expect(ex.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const lines = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(matched + 1);
  });

  it('exports only the invoices within --amount-min/--amount-max (yuan, inclusive), with the 汇总 sheet in an .xlsx', async () => {
    const db = new Database(path.join(tmp.dir, 'data', DATABASE_FILE), { readonly: true });
    const amounts = db.prepare('SELECT amount_fen FROM invoices ORDER BY amount_fen').pluck().all() as number[];
    db.close();
    const lo = amounts[Math.floor(amounts.length / 4)] ?? 0;
    const hi = amounts[Math.floor((amounts.length * 3) / 4)] ?? 0;
    const want = amounts.filter((a) => a >= lo && a <= hi).length;
    const out = path.join(tmp.dir, 'range.xlsx');
    const ex = await cli(['export', out, '--amount-min', (lo / 100).toFixed(2), '--amount-max', (hi / 100).toFixed(2), ...data, '--json'], env);
    expect(ex.stderr).toBe('');
    expect(JSON.parse(ex.stdout)).toMatchObject({ rows: want });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['发票对账', '汇总']);
    expect(wb.getWorksheet('汇总')?.getRow(2).getCell(3).value).toBe(want);
  });

  it('exits 1 when some rows are rejected, naming them', async () => {
    // Every "submit" invoice was accepted above and the write-back plan refuses the rest before sending, so
    // the platform's own rejection is reached through a per-invoice override of one with a number on record.
    const db = new Database(path.join(tmp.dir, 'data', DATABASE_FILE), { readonly: true });
    const no = db.prepare("SELECT invoice_no FROM invoices WHERE submit_state = 'not_submitted' AND invoice_num <> '' AND target_status = 80 ORDER BY id").pluck().get() as string;
    db.close();
    expect(no).toBeTruthy();
    const sub = await cli(['submit', '--invoice-no', no, '--override', 'test: the platform must answer', ...data], { ...env, WDT_APPSECRET: 'wrong-secret-for-test' });
    expect(sub.code).toBe(1);
    expect(sub.stdout).toMatch(/failed/);
    expect(sub.stdout + sub.stderr).not.toContain('wrong-secret-for-test');
  });

  it('exits 2 with a one-line reason on bad usage (real process)', async () => {
    const r = await cli(['frobnicate', ...data], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Unknown command/);
  });

  it('exits 2 with a one-line reason for each bad usage or configuration', async () => {
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['query-suning', ...data], env, /--all/],
      [['query-suning', '--all', '--bill', '1', ...data], env, /--all/],
      [['submit', ...data], env, /--ready/],
      [['import', ...data], env, /exactly one file/],
      [['import', 'a.csv', '--encoding', 'big5', ...data], env, /--encoding/],
      [['export', path.join(tmp.dir, 'x.txt'), ...data], env, /\.csv or \.xlsx/],
      [['export', path.join(tmp.dir, 'x.csv'), '--status', 'nope', ...data], env, /Unknown status/],
      [['export', path.join(tmp.dir, 'x.csv'), '--amount-min', '12.345', ...data], env, /--amount-min: "12.345" has more than two decimals/],
      [['export', path.join(tmp.dir, 'x.csv'), '--amount-min', '100', '--amount-max', '99.99', ...data], env, /highest amount \(99.99 yuan\) is below the lowest \(100.00 yuan\)/],
      [['status', '--bogus', ...data], env, /Bad arguments/],
      [['status', ...data], { ...env, WDT_BASE_URL: 'ftp://x' }, /WDT_BASE_URL/],
      [['status', ...data], { ...env, WDT_SID: '', WDT_APPKEY: '' }, /WDT_SID/],
      [['import', path.join(tmp.dir, 'missing.csv'), ...data], env, /Cannot read/],
    ];
    for (const [args, e, reason] of cases) {
      const err: string[] = [];
      const code = await runCli(args, { out: () => undefined, err: (l) => err.push(l), env: e });
      expect(code, args.join(' ')).toBe(2);
      expect(err, args.join(' ')).toHaveLength(1);
      expect(err[0], args.join(' ')).toMatch(reason);
    }
  });
});
