// Main process (Electron main bundle, tsx hosts, Vitest). Which script the import worker runs and with which
// execArgv — decided in this one place.
import path from 'node:path';

/** Written by scripts/build.mjs next to main.cjs (and packaged with it under dist/electron/**). */
export const BUNDLED_WORKER_FILE = 'import-worker.cjs';

export interface WorkerLaunch {
  readonly file: string;
  readonly execArgv: string[];
}

export function importWorkerLaunch(): WorkerLaunch {
  // scripts/build.mjs defines import.meta.filename/dirname as __filename/__dirname in the CJS bundle, so
  // this module knows where it really runs from.
  const self = import.meta.filename;
  const here = import.meta.dirname;
  if (path.extname(self) === '.ts') {
    // Running from TypeScript source means a loader is compiling us (tsx for the CLI, `npm start`'s browser
    // fallback and the bench; Vitest for tests). A worker thread does not inherit Vitest's loader and tsx is
    // only a devDependency, so the worker gets tsx's loader explicitly and loads its .ts source.
    return { file: path.join(here, 'worker-entry.ts'), execArgv: ['--import', 'tsx'] };
  }
  // The esbuild bundle (Electron main): the worker is a separate, already compiled CJS bundle beside
  // main.cjs. Inside app.asar that is fine: Electron's Node reads worker scripts from asar (electron#33216),
  // and better-sqlite3's native file is unpacked (electron-builder.yml asarUnpack).
  return { file: path.join(here, BUNDLED_WORKER_FILE), execArgv: [] };
}
