// Main process (browser host entry, run under tsx by `npm start` when Electron cannot run): core + loopback host.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors';
import { createAppCore } from '../../services/app-core';
import { createFileKeyCipher } from '../../secrets/file-key-cipher';
import { defaultDataDir } from '../data-dir';
import { startBrowserHost } from './server';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      'static-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'no-practice': { type: 'boolean', default: false },
      'practice-orders': { type: 'string', default: '200' },
    },
    strict: true,
  });
  const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir());
  const staticDir = path.resolve(values['static-dir'] ?? path.join(ROOT, 'dist', 'renderer'));
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`The renderer is not built (${staticDir}/index.html missing); run: npm run build`);
    process.exit(2);
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const core = await createAppCore({
    dataDir,
    host: 'browser',
    cipher: createFileKeyCipher(path.join(dataDir, 'secret.key')),
    version: version(),
  });

  // A fresh install without credentials opens straight into practice mode, so there is something to try.
  const ctx = { host: 'browser' } as const;
  const info = await core.handlers['app:info']({}, ctx);
  const settings = await core.handlers['settings:get']({}, ctx);
  const anySecret = Object.values(settings.secrets).some((s) => s.configured);
  if (info.mode === 'unconfigured' && !anySecret && !values['no-practice']) {
    await core.handlers['practice:start']({ orders: Number(values['practice-orders']) || 200, seed: 1 }, ctx);
    console.log('练习模式已启动（内置模拟器与演示数据） / Practice mode started (built-in emulators, demo data)');
  }

  const host = await startBrowserHost({ core, staticDir, port: Number(values.port) || 0 });
  console.log(`Invoice Recon: ${host.url}`);
  console.log(`数据目录 / data: ${dataDir}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: stopping…`);
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  // A refusal the clerk can act on (the folder is in use by another process, a newer schema) in one line.
  if (e instanceof AppError) {
    console.error(`${e.messageZh}\n${e.messageEn}`);
    process.exit(e.code === 'data_folder.busy' ? 3 : 2);
  }
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
