// Integration (Node, real core, real emulators over loopback, real parser workers): query Suning, then archive
// and verify every file the emulator serves — each of its file cases gets its own outcome, a file that
// differs blocks the automatic write-back plan, and nothing of ours goes with the file requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import type { FileCase } from '../../../electron/sandbox/seed';
import type { FileOutcome } from '../../../shared/domain/einvoice-file';
import type { AppCore } from '../../../electron/services/app-core';
import { call, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';

let sb: Sandbox;
let core: AppCore;
const dir = tempDir('ir-archive-emu-');

const EXPECTED: Readonly<Record<FileCase, FileOutcome>> = {
  ok: 'stored', amount_differs: 'stored', number_differs: 'stored', slow: 'stored',
  expired_404: 'link_expired', expired_page: 'link_expired', not_pdf: 'not_pdf', truncated: 'incomplete', huge: 'too_large',
};

beforeAll(async () => {
  sb = await startSandbox({ orders: 24, seed: 7, slowFileMs: 300 });
  core = await openCore(dir.dir, sb);
  core.services.settings.update({ archive: { rps: 100, concurrency: 4 } });
  await importSeed(core, sb);
  await runJob(core, 'jobs:startQuery');
});
afterAll(async () => {
  await core.close();
  await sb.close();
  dir.remove();
});

describe('archive against the emulator', () => {
  it('gives each file case its own outcome, and verdicts and plans follow', async () => {
    const { jobId } = await call(core, 'archive:start', { selection: { kind: 'filter', filter: {} } });
    const p = await core.services.jobs.wait(jobId);
    expect(p).toMatchObject({ kind: 'archive', state: 'done' });
    const seen = new Set<FileCase>();
    for (const f of sb.data.files.values()) {
      const row = core.services.repos.files.forOrder(f.orderNo).find((x) => x.suningInvoiceNum === f.invoice.invoiceNum && x.suningInvoiceCode === f.invoice.invoiceCode);
      if (!row) continue;
      seen.add(f.fileCase);
      expect({ case: f.fileCase, outcome: row.outcome }).toEqual({ case: f.fileCase, outcome: EXPECTED[f.fileCase] });
      if (row.outcome === 'stored') expect(row.facts?.qr).not.toBeNull();
    }
    for (const c of ['ok', 'amount_differs', 'number_differs', 'expired_404', 'expired_page', 'not_pdf', 'truncated', 'huge'] as const) expect(seen).toContain(c);

    const rows = (await call(core, 'invoices:list', { filter: {}, limit: 500 })).rows;
    const verdicts = new Set(rows.map((r) => r.fileVerdict));
    expect(verdicts).toContain('match');
    expect(verdicts).toContain('mismatch');
    expect(verdicts).toContain('unavailable');
    // A file that differs never leaves an automatic plan.
    for (const r of rows.filter((x) => x.fileVerdict === 'mismatch')) expect(['needs_clerk', 'never_80', 'query_first', 'nothing']).toContain(r.plan);
    const blocked = rows.find((x) => x.fileVerdict === 'mismatch' && (x.reconStatus === 'matched' || x.reconStatus === 'fillable'));
    if (blocked) expect(blocked.planReason.zh).toContain('发票原件');

    // No cookie, credential, Authorization or Referer went with any file request.
    expect(sb.suningEmulator.fileRequests.length).toBeGreaterThan(0);
    for (const q of sb.suningEmulator.fileRequests) {
      for (const h of ['cookie', 'authorization', 'referer', 'proxy-authorization']) expect(q.headers[h]).toBeUndefined();
    }

    // Run again: stored files are not requested again.
    const before = sb.suningEmulator.fileRequests.length;
    const orders = [...new Set([...sb.data.files.values()].map((f) => f.orderNo))];
    const storedPaths = new Set([...core.services.repos.files.forOrders(orders).values()].flat().filter((f) => f.outcome === 'stored').map((f) => new URL(f.sourceUrl).pathname));
    await core.services.jobs.wait((await call(core, 'archive:start', { selection: { kind: 'filter', filter: {} } })).jobId);
    const again = sb.suningEmulator.fileRequests.slice(before).map((q) => q.path);
    for (const path of again) expect(storedPaths.has(path)).toBe(false);
  });

  it('archives automatically after a query when the setting is on', async () => {
    core.services.settings.update({ archive: { autoAfterQuery: true } });
    const q = await runJob(core, 'jobs:startQuery');
    expect(q.state).toBe('done');
    const archive = core.services.repos.jobs.listActive().find((j) => j.kind === 'archive')
      ?? core.services.db.prepare("SELECT id AS jobId FROM jobs WHERE kind = 'archive' ORDER BY id DESC LIMIT 1").get() as { jobId: number } | undefined;
    expect(archive).toBeDefined();
    const done = await core.services.jobs.wait(archive?.jobId ?? 0);
    expect(done.kind).toBe('archive');
    expect(done.total).toBe(q.total);
    core.services.settings.update({ archive: { autoAfterQuery: false } });
  });
});
