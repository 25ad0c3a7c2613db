// The write-back plan through the CLI host (real child processes, real emulators): auto --dry-run plans and
// changes nothing, a forbidden 80 never reaches Wangdiantong, --ready sends exactly the "submit" plan,
// --dry-run sends nothing, and an override is per invoice, with its reason in the audit log and in 提交记录.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import { DATABASE_FILE } from '../../../electron/services/app-core';
import type { AutoPlan, SubmitPreview } from '../../../shared/domain/plan';
import { call, envFor, exportedFile, openCore, tempDir, type Sandbox } from '../../support/core-harness';
import { runCliProcess as cli } from '../../support/processes';

describe('submit through the CLI follows the write-back plan', () => {
  let sb: Sandbox;
  const tmp = tempDir();
  let env: Record<string, string>;
  let data: string[];
  let dataDir: string;

  /** Invoice numbers by a SQL condition on the stored (derived) columns, read from the real database file. */
  function invoiceNos(where: string): string[] {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return db.prepare(`SELECT invoice_no FROM invoices WHERE ${where} ORDER BY invoice_no`).pluck().all() as string[];
    } finally {
      db.close();
    }
  }
  const one = (where: string): string => {
    const no = invoiceNos(where)[0];
    if (no === undefined) throw new Error(`the seed has no invoice where ${where}`);
    return no;
  };
  /** invoice_no of every update the Wangdiantong emulator received (its own log, not ours). */
  const received = (): string[] => sb.wangdianEmulator.received.map((r) => r.params.invoice_no ?? '');

  beforeAll(async () => {
    sb = await startSandbox({ orders: 80, seed: 13 });
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

  /** Everything stored about the invoices and their submissions, to prove a dry run changed nothing. */
  function snapshot(): string {
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      return JSON.stringify([db.prepare('SELECT * FROM invoices ORDER BY id').all(), db.prepare('SELECT * FROM submissions ORDER BY id').all(), db.prepare('SELECT COUNT(*) FROM jobs').pluck().get()]);
    } finally {
      db.close();
    }
  }

  it('auto --dry-run prints the plan of each phase and what is left for the clerk, and changes nothing', async () => {
    const before = snapshot();
    const suningRequests = sb.suningEmulator.requestCount();
    const r = await cli(['auto', '--dry-run', ...data, '--json'], env);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as AutoPlan;
    const count = (where: string) => invoiceNos(where).length;
    expect(plan.total).toBe(sb.erpRecords.length);
    expect(plan.query.count).toBe(count("recon_status IN ('not_queried', 'query_failed')"));
    expect(plan.fill.count).toBe(count("recon_status = 'fillable'"));
    expect(plan.submit.count).toBe(count("recon_status = 'matched'"));
    expect(plan.nothing.count).toBe(0);
    const clerk = ['amount_mismatch', 'number_mismatch', 'split', 'partially_reversed', 'red_without_blue', 'not_issued', 'reversed'];
    for (const status of clerk) {
      const g = plan.leftForClerk.find((x) => x.reconStatus === status);
      expect(g?.count ?? 0, status).toBe(count(`recon_status = '${status}'`));
    }
    expect(plan.query.count + plan.fill.count + plan.submit.count + plan.leftForClerk.reduce((n, g) => n + g.count, 0)).toBe(plan.total);
    const human = await cli(['auto', '--dry-run', ...data], env);
    expect(human.stdout).toMatch(/left for the clerk 需人工处理/);
    expect(human.stdout).toContain('amount_mismatch');
    // Nothing changed, nothing was asked of either platform.
    expect(snapshot()).toBe(before);
    expect(sb.wangdianEmulator.received).toHaveLength(0);
    expect(sb.suningEmulator.requestCount()).toBe(suningRequests);
    const bad = await cli(['auto', '--status', 'no_such_status', ...data], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no_such_status/);
  }, 60_000);

  it('refuses a forbidden 80 for one invoice: exit 1, the reason on stderr, nothing received by Wangdiantong', async () => {
    const cases: Array<[string, RegExp]> = [
      ["recon_status = 'amount_mismatch'", /金额.*Refused to send 80.*amount differs/],
      ["recon_status = 'reversed'", /全额冲红.*never 80/],
      ["recon_status = 'not_issued'", /尚未开票.*never 80/],
      ["recon_status = 'fillable'", /先从苏宁唯一有效蓝票填入.*Fill the invoice number/],
    ];
    for (const [where, reason] of cases) {
      const no = one(where);
      const r = await cli(['submit', '--invoice-no', no, ...data], env);
      expect(r.code, where).toBe(1);
      expect(r.stderr.trim().split('\n'), where).toHaveLength(1);
      expect(r.stderr, where).toMatch(reason);
      expect(received(), where).not.toContain(no);
    }
    expect(sb.wangdianEmulator.received).toHaveLength(0);
  }, 60_000);

  it('in a list, sends the allowed invoice and records the forbidden one as a failure with why (stderr names it)', async () => {
    const allowed = one("recon_status = 'matched'");
    const forbidden = one("recon_status = 'number_mismatch'");
    const r = await cli(['submit', '--invoice-no', allowed, '--invoice-no', forbidden, ...data, '--json'], env);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { total: number; failed: number; failures: { code: string; message: string }[] };
    expect(out).toMatchObject({ total: 2, failed: 1 });
    expect(out.failures[0]?.code).toBe('plan.refused');
    expect(out.failures[0]?.message).toMatch(/号码\/代码.*number\/code differs/);
    expect(r.stderr).toContain(forbidden);
    expect(received()).toContain(allowed);
    expect(received()).not.toContain(forbidden);
  }, 30_000);

  it('--ready --dry-run prints the breakdown and sends nothing; --ready then sends exactly the "submit" plan', async () => {
    const before = sb.wangdianEmulator.received.length;
    const expected = invoiceNos("recon_status = 'matched' AND submit_state NOT IN ('accepted', 'queued', 'sending')");
    expect(expected.length).toBeGreaterThan(10);
    const dry = await cli(['submit', '--ready', '--dry-run', ...data, '--json'], env);
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.stdout) as SubmitPreview;
    expect(preview).toMatchObject({ total: expected.length, as80: { count: expected.length }, asFailure: { count: 0 }, skipped: [] });
    expect(sb.wangdianEmulator.received.length).toBe(before);

    const r = await cli(['submit', '--ready', ...data, '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'done', total: expected.length, failed: 0 });
    const sent = sb.wangdianEmulator.received.slice(before);
    expect(sent.map((x) => x.params.invoice_no).sort()).toEqual(expected);
    expect(new Set(sent.map((x) => x.params.status))).toEqual(new Set(['80']));
    // The preview's amount total is the amount of what was sent.
    const amounts = new Map(sb.erpRecords.map((e) => [e.invoiceNo, e.amountFen]));
    expect(preview.sentAmountFen).toBe(expected.reduce((sum, n) => sum + (amounts.get(n) ?? Number.NaN), 0));
    // Fillable invoices are "fill, then submit": --ready does not fill, so none of them went out.
    for (const no of invoiceNos("recon_status = 'fillable'")) expect(received()).not.toContain(no);
  }, 60_000);

  it('an override sends one forbidden invoice as 80, its reason audited and shown in 提交记录', async () => {
    // One with a number on record (an override lifts the plan, not the request's own rules); the list test
    // above used the first number/code mismatch, this is the last.
    const candidates = invoiceNos("recon_status = 'number_mismatch'");
    expect(candidates.length).toBeGreaterThan(1);
    const no = candidates[candidates.length - 1] ?? '';
    const short = await cli(['submit', '--invoice-no', no, '--override', '好', ...data], env);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/--override/);
    const two = await cli(['submit', '--ready', '--override', '客户确认以苏宁金额为准', ...data], env);
    expect(two.code).toBe(2);
    expect(received()).not.toContain(no);

    const reason = '客户确认以苏宁金额为准（工单 4711）';
    const r = await cli(['submit', '--invoice-no', no, '--override', reason, ...data, '--json'], env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ state: 'done', total: 1, failed: 0 });
    const got = sb.wangdianEmulator.received.filter((x) => x.params.invoice_no === no);
    expect(got).toHaveLength(1);
    expect(got[0]?.params.status).toBe('80');

    const core = await openCore(dataDir, sb, { resumeJobs: false });
    try {
      const audit = await call(core, 'audit:list', { action: 'submit.override', limit: 10 });
      expect(audit.rows).toHaveLength(1);
      expect(audit.rows[0]).toMatchObject({ actor: 'cli', target: no, details: { reason, plan: 'needs_clerk', reconStatus: 'number_mismatch' } });
      const subs = await call(core, 'submissions:list', { search: no, limit: 10 });
      expect(subs.rows[0]).toMatchObject({ invoiceNo: no, state: 'accepted', overrideReason: reason });
      // The 提交记录 export carries it too, in its own column.
      const exported = await call(core, 'export:submissions', { format: 'csv' });
      const csv = exportedFile(core, exported).toString('utf8');
      expect(csv.split('\r\n')[0]).toContain('强制回传原因');
      expect(csv).toContain(reason);
      // Only that invoice carries it: an ordinary submission has none.
      const other = await call(core, 'submissions:list', { state: ['accepted'], limit: 500 });
      expect(other.rows.filter((s) => s.overrideReason !== null).map((s) => s.invoiceNo)).toEqual([no]);
      // Accepted and unchanged now: the plan is "nothing", and a second override is refused.
      const row = (await call(core, 'invoices:list', { filter: { search: no }, limit: 1 })).rows[0];
      expect(row?.plan).toBe('nothing');
      await expect(call(core, 'submit:override', { id: row?.id ?? 0, reason })).rejects.toMatchObject({ code: 'conflict' });
    } finally {
      await core.close();
    }
    // Submitting it again is not an error, and sends nothing: the job skips it and says why.
    const again = await cli(['submit', '--invoice-no', no, ...data], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 ok, 1 skipped, 0 failed/);
    expect(again.stdout).toContain('无需再回传');
    expect(sb.wangdianEmulator.received.filter((x) => x.params.invoice_no === no)).toHaveLength(1);
  }, 60_000);

  it('the invoice export carries each invoice\'s plan and its reason', async () => {
    const out = path.join(tmp.dir, 'plan.csv');
    const r = await cli(['export', out, ...data], env);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    const header = lines[0]?.replace(/^\uFEFF/, '').split(',') ?? [];
    const planCol = header.indexOf('回传计划');
    const reasonCol = header.indexOf('计划说明');
    expect(planCol).toBeGreaterThan(0);
    expect(reasonCol).toBe(planCol + 1);
    const split = one("recon_status = 'split'");
    const row = lines.find((l) => l.includes(split)) ?? '';
    expect(row).toContain('需人工处理');
    expect(row).toContain('苏宁有多张有效蓝票');
  }, 30_000);
});
