// Integration (Node, real core, real emulators over loopback): archive:open through the one call pipeline — the
// host's FileOpener gets the stored file inside the archive, the CLI (no opener) is refused in words, a file
// row that was never stored or does not exist is not_found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { invoke } from '../../../electron/hosts/invoke';
import type { FileOpener } from '../../../shared/api/contract';
import type { AppCore } from '../../../electron/services/app-core';
import { archiveRoot } from '../../../electron/services/archive/store';
import { call, importSeed, openCore, runJob, tempDir, type Sandbox } from '../../support/core-harness';

let sb: Sandbox;
let core: AppCore;
const dir = tempDir('ir-archive-open-');

beforeAll(async () => {
  sb = await startSandbox({ orders: 12, seed: 7, slowFileMs: 300 });
  core = await openCore(dir.dir, sb);
  core.services.settings.update({ archive: { rps: 100, concurrency: 4 } });
  await importSeed(core, sb);
  await runJob(core, 'jobs:startQuery');
  const { jobId } = await call(core, 'archive:start', { selection: { kind: 'filter', filter: {} } });
  await core.services.jobs.wait(jobId);
});
afterAll(async () => {
  await core.close();
  await sb.close();
  dir.remove();
});

function filesOf(outcome: 'stored' | 'other') {
  const all = [...core.services.repos.files.forOrders([...new Set([...sb.data.files.values()].map((f) => f.orderNo))]).values()].flat();
  return all.filter((f) => (outcome === 'stored' ? f.outcome === 'stored' : f.outcome !== 'stored'));
}

describe('archive:open', () => {
  it('hands the host the stored file inside the archive and answers its download URL', async () => {
    const file = filesOf('stored')[0];
    expect(file).toBeDefined();
    const seen: Parameters<FileOpener['open']>[0][] = [];
    const fileOpener: FileOpener = { open: async (f) => { seen.push(f); return { downloadUrl: '/api/download/x' }; } };
    const r = await invoke(core.handlers, 'archive:open', { fileId: file?.id }, { host: 'browser', fileOpener, logError: () => undefined });
    expect(r.result).toEqual({ ok: true, value: { fileName: `${file?.suningInvoiceNum}.pdf`, sha256: file?.sha256, size: file?.size, downloadUrl: '/api/download/x' } });
    expect(seen).toEqual([{ root: archiveRoot(dir.dir), path: core.services.archive.store.pathOf(file?.sha256 ?? ''), fileName: `${file?.suningInvoiceNum}.pdf` }]);
  });

  it('is refused in words where the host cannot open files (the CLI)', async () => {
    const file = filesOf('stored')[0];
    const r = await invoke(core.handlers, 'archive:open', { fileId: file?.id }, { host: 'cli', logError: () => undefined });
    expect(r.outcome).toBe('failed');
    expect(r.result).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('export-archive') } });
  });

  it('answers not_found for a file that was never stored and for an unknown row', async () => {
    const fileOpener: FileOpener = { open: async () => { throw new Error('must not be called'); } };
    const expired = filesOf('other')[0];
    expect(expired).toBeDefined();
    for (const fileId of [expired?.id ?? 0, 999_999]) {
      const r = await invoke(core.handlers, 'archive:open', { fileId }, { host: 'browser', fileOpener, logError: () => undefined });
      expect(r.result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });

  it('refuses input that names anything but a file row', async () => {
    for (const input of [{ fileId: -1 }, { fileId: 1.5 }, { path: '/etc/passwd' }, { fileId: 1, path: '/etc/passwd' }]) {
      const r = await invoke(core.handlers, 'archive:open', input, { host: 'browser', logError: () => undefined });
      expect(r.outcome).toBe('invalid');
    }
  });
});
