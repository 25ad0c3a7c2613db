// The exception paths through the core every host mounts, against the emulators: a split order's audited choice
// is exactly what Wangdiantong receives; a number/code mismatch fixed with Suning's values (the audited, undoable
// apply path) is then sent with Suning's number; a clerk's note is kept, audited and exported.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppCore } from '../../../electron/services/app-core';
import { call, exportedFile, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';
import { startSandbox } from '../../../electron/sandbox/sandbox';

describe('exception paths through the core', () => {
  let sb: Sandbox;
  let core: AppCore;
  const tmp = tempDir();

  beforeAll(async () => {
    sb = await startSandbox({ orders: 200, seed: 13 });
    core = await openCore(tmp.dir, sb);
    await importSeed(core, sb);
    await runJob(core, 'jobs:startQuery');
  }, 60_000);
  afterAll(async () => {
    await core.close();
    await sb.close();
    tmp.remove();
  });

  const rows = async (reconStatus: 'split' | 'number_mismatch' | 'red_without_blue' | 'partially_reversed') =>
    (await call(core, 'invoices:list', { filter: { reconStatus: [reconStatus] }, limit: 500 })).rows;
  const receivedFor = (no: string) => sb.wangdianEmulator.received.filter((r) => r.params.invoice_no === no).map((r) => r.params);
  const audit = (action: string) => core.services.db.prepare('SELECT target, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { target: string; details: string }[];

  it('split: 80 is refused until the clerk chooses; then exactly the chosen number (or the joined numbers) is sent', async () => {
    const splits = await rows('split');
    expect(splits.length).toBeGreaterThanOrEqual(2);
    const [a, b] = splits;
    if (!a || !b) throw new Error('the seed has fewer than two split orders');
    await expect(call(core, 'jobs:startSubmit', { selection: { kind: 'ids', ids: [a.id] } })).rejects.toMatchObject({ code: 'plan.refused' });

    const da = await call(core, 'invoices:get', { id: a.id });
    expect(da.validBlues.length).toBeGreaterThanOrEqual(2);
    const second = da.validBlues[1];
    if (!second) throw new Error('no second valid blue');
    await expect(call(core, 'invoices:chooseSplit', { id: a.id, pick: { kind: 'one', invoiceNum: '99999999' } })).rejects.toMatchObject({ code: 'validation' });
    const chosen = await call(core, 'invoices:chooseSplit', { id: a.id, pick: { kind: 'one', invoiceNum: second.invoiceNum } });
    expect(chosen).toMatchObject({ invoiceNum: second.invoiceNum, invoiceCode: second.invoiceCode, splitChoice: second.invoiceNum, targetStatus: 80 });
    expect((await call(core, 'invoices:get', { id: a.id })).invoice.plan).toBe('submit');

    const db = await call(core, 'invoices:get', { id: b.id });
    const joined = db.validBlues.map((x) => x.invoiceNum).join(',');
    expect(joined.length).toBeLessThanOrEqual(40);
    await call(core, 'invoices:chooseSplit', { id: b.id, pick: { kind: 'joined' } });

    const p = await runJob(core, 'jobs:startSubmit', [a.id, b.id]);
    expect(p).toMatchObject({ state: 'done', failed: 0 });
    expect(receivedFor(a.invoiceNo)).toEqual([expect.objectContaining({ status: '80', invoice_no_out: second.invoiceNum })]);
    expect(receivedFor(b.invoiceNo)).toEqual([expect.objectContaining({ status: '80', invoice_no_out: joined })]);
    expect(audit('invoice.split_choice').map((x) => x.target)).toEqual([a.invoiceNo, b.invoiceNo]);
    expect(JSON.parse(audit('invoice.split_choice')[1]?.details ?? '{}')).toMatchObject({ choice: 'joined', invoiceNum: joined });
    // Every other split order is still refused: nothing for them reached Wangdiantong.
    for (const r of splits.slice(2)) expect(receivedFor(r.invoiceNo)).toEqual([]);
  }, 60_000);

  it("number/code mismatch: Suning's values replace the local ones (undoable), then Suning's number is sent", async () => {
    const m = (await rows('number_mismatch')).find((r) => r.suningAmountFen === r.amountFen);
    if (!m) throw new Error('the seed has no number mismatch with equal amounts');
    await expect(call(core, 'jobs:startSubmit', { selection: { kind: 'ids', ids: [m.id] } })).rejects.toMatchObject({ code: 'plan.refused' });
    const after = await call(core, 'invoices:applySuning', { id: m.id });
    expect(after).toMatchObject({ reconStatus: 'matched', invoiceNum: m.suningInvoiceNum });
    const d = await call(core, 'invoices:get', { id: m.id });
    expect(d.invoice.plan).toBe('submit');
    expect(d.undoableApply).not.toBeNull();
    expect((await runJob(core, 'jobs:startSubmit', [m.id])).failed).toBe(0);
    expect(receivedFor(m.invoiceNo)).toEqual([expect.objectContaining({ status: '80', invoice_no_out: m.suningInvoiceNum })]);
    expect(receivedFor(m.invoiceNo).some((x) => x.invoice_no_out === m.invoiceNum)).toBe(false);
  }, 60_000);

  it("a clerk's note is kept on the invoice, audited, exported, and changes nothing that is sent", async () => {
    const r = (await rows('red_without_blue'))[0] ?? (await rows('partially_reversed'))[0];
    if (!r) throw new Error('the seed has no red-without-blue or partially reversed order');
    const before = sb.wangdianEmulator.received.length;
    const out = await call(core, 'invoices:setNote', { id: r.id, note: '  已电话确认：红票属另一订单，待苏宁更正  ' });
    expect(out.clerkNote).toBe('已电话确认：红票属另一订单，待苏宁更正');
    expect((await call(core, 'invoices:get', { id: r.id })).invoice).toMatchObject({ clerkNote: '已电话确认：红票属另一订单，待苏宁更正', plan: 'needs_clerk' });
    expect(JSON.parse(audit('invoice.note')[0]?.details ?? '{}')).toMatchObject({ before: '', after: '已电话确认：红票属另一订单，待苏宁更正' });
    // The boundary refuses an over-long note (the contract's schema, as every host parses it).
    expect(() => call(core, 'invoices:setNote', { id: r.id, note: 'x'.repeat(501) })).toThrow(/500/);
    const csv = exportedFile(core, await call(core, 'export:invoices', { format: 'csv', filter: { search: r.invoiceNo } })).toString('utf8');
    expect(csv).toContain('处理备注');
    expect(csv).toContain('已电话确认：红票属另一订单，待苏宁更正');
    expect(sb.wangdianEmulator.received.length).toBe(before);
  }, 60_000);
});
