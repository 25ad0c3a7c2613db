// Main process (browser host entry, run under tsx by `npm start` when Electron cannot run): core + loopback host.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors';
import { openWorkspaceSession } from '../../services/workspaces/session';
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
      // Accepted for scripts written for the single-store version (which started practice mode by itself).
      'no-practice': { type: 'boolean', default: false },
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
  // The workspaces (账套) of the data folder: a single-store folder of the previous version is migrated first.
  // A fresh install opens no workspace: the page asks whether to try practice mode or set up a real merchant.
  const core = await openWorkspaceSession({
    dataDir,
    host: 'browser',
    cipherFor: (dir) => createFileKeyCipher(path.join(dir, 'secret.key')),
    version: version(),
  });
  const opened = core.current();
  if (opened) console.log(`账套 / workspace: ${opened.name} (${opened.id})`);

  const host = await startBrowserHost({ core, staticDir, port: Number(values.port) || 0 });

  // Before the URL is printed: whoever waits for it (a test, a script) may stop the host right after reading it.
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
  console.log(`Invoice Recon: ${host.url}`);
  console.log(`数据目录 / data: ${dataDir}`);
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
