// Practice mode seeds its demo data through the import: seeding again over practice work keeps what the clerk
// filled (the non-destructive choice of a re-import), instead of refusing to start or blanking it.
import { afterAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';
import { call, tempDir, testCipher } from '../../support/core-harness';

describe('practice re-seed over practice work', () => {
  const tmp = tempDir();
  let core: AppCore | null = null;
  afterAll(async () => {
    await core?.close();
    tmp.remove();
  });

  it('keeps the values filled from Suning', async () => {
    core = await createAppCore({ dataDir: tmp.dir, host: 'browser', cipher: testCipher(), version: 'test' });
    const c = core;
    await call(c, 'practice:start', { orders: 30, seed: 1 });
    const { jobId } = await call(c, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } });
    await c.services.jobs.wait(jobId);
    const row = (await call(c, 'invoices:list', { filter: { reconStatus: ['fillable'] }, limit: 1 })).rows[0];
    if (!row) throw new Error('no fillable practice invoice');
    const filled = await call(c, 'invoices:applySuning', { id: row.id });
    expect(filled.invoiceNum).not.toBe('');
    await call(c, 'practice:start', { orders: 30, seed: 2 });
    expect(c.services.repos.invoices.getById(row.id)?.invoiceNum).toBe(filled.invoiceNum);
    const audit = await call(c, 'audit:list', { action: 'import', limit: 1 });
    expect(audit.rows[0]?.details).toMatchObject({ onConflict: 'keep', conflictInvoices: 1 });
  });
});
