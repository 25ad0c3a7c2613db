// Test support (plain Node). A real core over a temp data dir, talking to real emulators over loopback.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { startSandbox } from '../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../electron/sandbox/erp-csv';
import { createAppCore, type AppCore } from '../../electron/services/app-core';
import { createKeyCipher } from '../../electron/secrets/file-key-cipher';
import { createEnvSecrets } from '../../electron/secrets/vault';
import { ENV_SECRET_NAMES } from '../../electron/hosts/cli/env-config';
import type { EndpointOverrides } from '../../electron/services/platform-clients';
import { contract, type Channel, type ChannelInput, type ChannelOutput, type ParsedInput } from '../../shared/api/contract';

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export const CTX = { host: 'browser' } as const;

/** Calls a channel the way every host does: input parsed (defaults applied) by the contract first. */
export function call<C extends Channel>(core: AppCore, channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const parsed = contract[channel].input.parse(input) as ParsedInput<C>;
  return core.handlers[channel](parsed, CTX);
}

/** The bytes of an export written without a host's own save target: the data folder's exports/ directory. */
export function exportedFile(core: AppCore, out: { readonly fileName: string }): Buffer {
  return readFileSync(path.join(core.services.dataDir, 'exports', out.fileName));
}

export function tempDir(prefix = 'ir-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A test cipher: real AES-GCM with a random key, not weak (so no acceptance prompt in tests). */
export function testCipher() {
  return createKeyCipher(randomBytes(32), 'test', false);
}

export function overridesFor(sb: Sandbox, format: 'json' | 'xml' = 'json'): EndpointOverrides {
  return {
    wangdian: { baseUrl: sb.wangdian.url, sid: sb.wangdian.sid, appkey: sb.wangdian.appkey },
    suning: { baseUrl: sb.suning.url, appKey: sb.suning.appKey, saleOrg: sb.suning.saleOrg, format },
  };
}

export function envFor(sb: Sandbox): Record<string, string> {
  return {
    WDT_BASE_URL: sb.wangdian.url,
    WDT_SID: sb.wangdian.sid,
    WDT_APPKEY: sb.wangdian.appkey,
    WDT_APPSECRET: sb.wangdian.appsecret,
    SUNING_BASE_URL: sb.suning.url,
    SUNING_APP_KEY: sb.suning.appKey,
    SUNING_APP_SECRET: sb.suning.appSecret,
    SUNING_SALE_ORG: sb.suning.saleOrg,
  };
}

export async function openCore(dataDir: string, sb: Sandbox, opts: { format?: 'json' | 'xml'; resumeJobs?: boolean } = {}): Promise<AppCore> {
  const core = await createAppCore({
    dataDir,
    host: 'browser',
    cipher: testCipher(),
    version: 'test',
    overrides: overridesFor(sb, opts.format),
    secretSource: createEnvSecrets(envFor(sb), ENV_SECRET_NAMES),
    resumeJobs: opts.resumeJobs ?? true,
  });
  // Tests run many requests quickly; the platforms' real limits are a setting, not a test concern.
  core.services.settings.update({ wangdian: { rps: 100, concurrency: 8 }, suning: { rps: 100, concurrency: 4, batchSize: 20 } });
  return core;
}

export async function importSeed(core: AppCore, sb: Sandbox) {
  const bytes = erpRecordsToCsv(sb.erpRecords);
  return call(core, 'import:commit', { fileName: 'erp-export.csv', contentBase64: bytes.toString('base64') });
}

export async function runJob(core: AppCore, channel: 'jobs:startQuery' | 'jobs:startSubmit', ids?: number[]) {
  const selection = ids ? { kind: 'ids' as const, ids } : { kind: 'filter' as const, filter: {} };
  const { jobId } = await call(core, channel, { selection });
  return core.services.jobs.wait(jobId);
}
