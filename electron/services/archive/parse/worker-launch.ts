// Main process (Electron main bundle, tsx hosts, Vitest). Which script the e-invoice parse worker runs and with
// which execArgv — decided in this one place, as for the import worker (services/import/worker-launch.ts).
import path from 'node:path';
import type { WorkerLaunch } from '../../import/worker-launch';

/** Written by scripts/build.mjs next to main.cjs (and packaged with it under dist/electron/**). */
export const BUNDLED_PARSE_WORKER_FILE = 'einvoice-parse-worker.cjs';

export function parseWorkerLaunch(): WorkerLaunch {
  // scripts/build.mjs defines import.meta.filename/dirname as __filename/__dirname in the CJS bundle.
  const self = import.meta.filename;
  const here = import.meta.dirname;
  if (path.extname(self) === '.ts') {
    // From TypeScript source (tsx, Vitest): the worker gets tsx's loader explicitly and loads its .ts source.
    return { file: path.join(here, 'worker-entry.ts'), execArgv: ['--import', 'tsx'] };
  }
  return { file: path.join(here, BUNDLED_PARSE_WORKER_FILE), execArgv: [] };
}
