// Benchmark (plain Node). A real app core over a temp data directory, pointed at the emulator child — the
// same composition the CLI host uses (endpoints and secrets from the environment), nothing mocked.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ChannelOutput } from '../../shared/api/contract';
import { createAppCore, type AppCore } from '../../electron/services/app-core';
import { createKeyCipher } from '../../electron/secrets/file-key-cipher';
import { createEnvSecrets } from '../../electron/secrets/vault';
import { ENV_SECRET_NAMES } from '../../electron/hosts/cli/env-config';
import type { Endpoints } from './emulator-protocol';

/** The bench calls handlers in-process, as the browser host does after parsing a request. */
export const CTX = { host: 'browser' } as const;

export interface TempDir {
  readonly dir: string;
  remove(): void;
}

const made: TempDir[] = [];

export function tempDir(prefix: string): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ir-bench-${prefix}-`));
  const t = { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
  made.push(t);
  return t;
}

/** Removes every temp dir this process made (called once at the end, also after a crash). */
export function removeTempDirs(): void {
  for (const t of made.splice(0)) t.remove();
}

export interface Limits {
  readonly wangdian?: { readonly rps: number; readonly concurrency: number };
  readonly suning?: { readonly rps: number; readonly concurrency: number; readonly batchSize: number };
}

export async function openBenchCore(dataDir: string, ep: Endpoints | null, limits: Limits = {}): Promise<AppCore> {
  const env: Record<string, string> = ep
    ? { WDT_APPSECRET: ep.wangdian.appsecret, SUNING_APP_SECRET: ep.suning.appSecret }
    : {};
  const core = await createAppCore({
    dataDir,
    host: 'cli',
    cipher: createKeyCipher(randomBytes(32), 'test', false),
    version: 'bench',
    ...(ep
      ? {
          overrides: {
            wangdian: { baseUrl: ep.wangdian.url, sid: ep.wangdian.sid, appkey: ep.wangdian.appkey },
            suning: { baseUrl: ep.suning.url, appKey: ep.suning.appKey, saleOrg: ep.suning.saleOrg, format: 'json' as const },
          },
        }
      : {}),
    secretSource: createEnvSecrets(env, ENV_SECRET_NAMES),
    resumeJobs: false,
    restorePractice: false,
  });
  // Through the settings service, so its validation applies: the bench cannot use limits a clerk cannot set.
  if (limits.wangdian || limits.suning) {
    core.services.settings.update({
      ...(limits.wangdian ? { wangdian: limits.wangdian } : {}),
      ...(limits.suning ? { suning: limits.suning } : {}),
    });
  }
  return core;
}

/**
 * A core as the desktop app holds it for a clerk: no environment overrides, endpoints and secrets stored
 * through Settings (custom URLs of the emulators) — what the renderer's first-run check looks at.
 */
export async function openClerkCore(dataDir: string, ep: Endpoints): Promise<AppCore> {
  const core = await createAppCore({
    dataDir,
    host: 'browser',
    cipher: createKeyCipher(randomBytes(32), 'test', false),
    version: 'bench',
    resumeJobs: false,
    restorePractice: false,
  });
  try {
    await core.handlers['settings:update']({
      wangdian: { env: 'custom', customUrl: ep.wangdian.url, sid: ep.wangdian.sid, appkey: ep.wangdian.appkey },
      suning: { env: 'custom', customUrl: ep.suning.url, appKey: ep.suning.appKey, saleOrg: ep.suning.saleOrg },
    }, CTX);
    await core.handlers['settings:setSecret']({ name: 'wangdian.appsecret', value: ep.wangdian.appsecret }, CTX);
    await core.handlers['settings:setSecret']({ name: 'suning.appSecret', value: ep.suning.appSecret }, CTX);
  } catch (e) {
    await core.close();
    throw e;
  }
  return core;
}

export async function importBytes(core: AppCore, fileName: string, bytes: Buffer): Promise<ChannelOutput<'import:commit'>> {
  return core.handlers['import:commit']({ fileName, contentBase64: bytes.toString('base64'), encoding: 'auto' }, CTX);
}

/** Starts a job over every invoice (or the given ids) and waits for it to stop. */
export async function runJob(core: AppCore, channel: 'jobs:startQuery' | 'jobs:startSubmit', ids?: readonly number[]) {
  const selection = ids ? { kind: 'ids' as const, ids: [...ids] } : { kind: 'filter' as const, filter: {} };
  const { jobId } = await core.handlers[channel]({ selection }, CTX);
  return core.services.jobs.wait(jobId);
}
