// Practice mode's invoice-file links point at the Suning emulator (its port is in them, and the ERP records of
// matched orders hold the same links): after a restart the emulator must come back on the same port, or every
// matched practice invoice would differ from Suning by its PDF link and every stored link would be dead.
import { afterAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../../electron/services/app-core';
import { call, tempDir, testCipher } from '../../support/core-harness';

describe('practice mode across a restart', () => {
  const tmp = tempDir();
  let core: AppCore | null = null;
  afterAll(async () => {
    await core?.close();
    tmp.remove();
  });

  async function matchedAfterQuery(c: AppCore): Promise<{ ids: number[]; urls: string[] }> {
    const { jobId } = await call(c, 'jobs:startQuery', { selection: { kind: 'filter', filter: {} } });
    await c.services.jobs.wait(jobId);
    const rows = (await call(c, 'invoices:list', { filter: { reconStatus: ['matched'] }, limit: 100 })).rows;
    return { ids: rows.map((r) => r.id).sort((a, b) => a - b), urls: rows.map((r) => r.pdfUrl).sort() };
  }

  it('keeps the Suning emulator on its port, so matched invoices stay matched and their links live', async () => {
    core = await createAppCore({ dataDir: tmp.dir, host: 'browser', cipher: testCipher(), version: 'test' });
    await call(core, 'practice:start', { orders: 30, seed: 1 });
    const before = await matchedAfterQuery(core);
    expect(before.ids.length).toBeGreaterThan(0);
    await core.close();

    core = await createAppCore({ dataDir: tmp.dir, host: 'browser', cipher: testCipher(), version: 'test' });
    const after = await matchedAfterQuery(core);
    expect(after).toEqual(before);
    const res = await fetch(after.urls[0] ?? '');
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'application/pdf']);
  });
});
