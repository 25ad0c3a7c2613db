// Runs on Node 24 via npm scripts. `node scripts/build.mjs [--renderer] [--main]` (no flag = both):
// --renderer: vite build of renderer/ into dist/renderer; --main: esbuild of the main process and the preload
// (into dist/electron, or `--out <dir>`, which tests use to check the bundle without touching dist/).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const argv = process.argv.slice(2);
const outIndex = argv.indexOf('--out');
const outDir = outIndex === -1 ? 'dist/electron' : argv[outIndex + 1];
if (outIndex !== -1 && (!outDir || outDir.startsWith('--'))) {
  console.error('build: --out needs a directory');
  process.exit(2);
}
const args = outIndex === -1 ? argv : argv.filter((_, i) => i !== outIndex && i !== outIndex + 1);
const unknown = args.filter((a) => a !== '--renderer' && a !== '--main');
if (unknown.length > 0) {
  console.error(`build: unknown argument(s) ${unknown.join(' ')}; use --renderer and/or --main`);
  process.exit(2);
}
const all = args.length === 0;

function buildRenderer() {
  const config = path.join(root, 'renderer', 'vite.config.ts');
  if (!existsSync(config)) {
    console.error(`build: ${path.relative(root, config)} does not exist yet, so the renderer cannot be built.`);
    process.exit(1);
  }
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const run = spawnSync(process.execPath, [vite, 'build', '--config', config], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

/** CJS for the main process and the sandboxed preload (which cannot require local modules); Electron's Node 24. */
async function buildMain() {
  const common = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    sourcemap: true,
    // pdfkit (the practice emulator's PDF writer) locates its data files through import.meta.url at load time,
    // which a CJS bundle does not have: it stays a require() of its own CJS build, with fontkit beside it.
    // @napi-rs/canvas is native (the parser's render fallback; pdfjs-dist also takes DOMMatrix/Path2D from it).
    external: ['electron', 'better-sqlite3', 'pdfkit', 'fontkit', '@napi-rs/canvas'],
    logLevel: 'warning',
    absWorkingDir: root,
    // CJS has no import.meta; modules that locate files beside themselves (the import worker's launcher) read
    // these, which in the bundle are the bundle's own file and folder.
    define: { 'import.meta.filename': '__filename', 'import.meta.dirname': '__dirname' },
  };
  await build({ ...common, entryPoints: ['electron/main.ts'], outfile: path.join(outDir, 'main.cjs') });
  // The import runs in a worker thread (electron/services/import/worker-launch.ts) that loads this file, next
  // to main.cjs; electron-builder.yml packages it with dist/electron/**.
  await build({ ...common, entryPoints: ['electron/services/import/worker-entry.ts'], outfile: path.join(outDir, 'import-worker.cjs') });
  // The e-invoice parser's worker (electron/services/archive/parse/worker-launch.ts), also beside main.cjs.
  // pdfjs-dist (ESM) asks import.meta.url for a require(); in the CJS bundle that is the bundle's own URL.
  await build({
    ...common,
    entryPoints: ['electron/services/archive/parse/worker-entry.ts'],
    outfile: path.join(outDir, 'einvoice-parse-worker.cjs'),
    define: { ...common.define, 'import.meta.url': '__bundleFileUrl' },
    banner: { js: 'const __bundleFileUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  // The preload runs in a sandboxed renderer: only `electron` may stay a require; everything else is inlined.
  await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: path.join(outDir, 'preload.cjs'), external: ['electron'], minify: true });
  console.log(`build: ${path.join(outDir, 'main.cjs')}, ${path.join(outDir, 'import-worker.cjs')}, ${path.join(outDir, 'einvoice-parse-worker.cjs')} and ${path.join(outDir, 'preload.cjs')} written`);
}

if (all || args.includes('--renderer')) buildRenderer();
if (all || args.includes('--main')) await buildMain();
