// Benchmark (plain Node). Peak RSS of a fresh process holding the 100,000-invoice store after listing and
// exporting it (see memory-child.ts); the parent only starts the child and reads its answer.
import { fork } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { tempDir } from '../bench-core';
import type { BenchContext } from '../context';
import { REPO_ROOT } from '../emulators';
import type { MemoryReply, MemoryRequest } from '../memory-child';
import type { ScenarioResult } from '../result';
import { listVariants } from './list-variants';

const LIMIT_MB = 300;

type ChildAnswer = { ok: true; reply: MemoryReply } | { ok: false; error: string };

export async function memoryScenario(ctx: BenchContext, dataDir: string, rows: number): Promise<ScenarioResult> {
  const req: MemoryRequest = { dataDir, rows, variants: listVariants(ctx.data.erpRecords.slice(0, rows)) };
  ctx.log(`memory: fresh process lists (${req.variants.length} queries) and exports ${rows} invoices…`);
  // Bundled like the shipped main process (esbuild, CJS, better-sqlite3 external) and run on plain Node, so
  // the figure holds the app's code and data, not the TypeScript loader the rest of the bench runs under.
  const out = path.join(tempDir('memory').dir, 'memory-child.cjs');
  await build({
    entryPoints: [path.join(REPO_ROOT, 'test', 'bench', 'memory-child.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    external: ['better-sqlite3'],
    logLevel: 'warning',
    absWorkingDir: REPO_ROOT,
  });
  const child = fork(out, [], {
    cwd: REPO_ROOT,
    execArgv: [],
    env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules') },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const answer = await new Promise<ChildAnswer>((resolve, reject) => {
    child.once('message', (m: ChildAnswer) => resolve(m));
    child.once('exit', (code) => reject(new Error(`memory child exited with code ${String(code)} before answering`)));
    child.send(req);
  });
  await new Promise<void>((resolve) => {
    if (child.exitCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  if (!answer.ok) throw new Error(`memory child failed: ${answer.error}`);
  const r = answer.reply;
  return {
    name: 'peak RSS after listing + exporting',
    n: rows,
    median_ms: r.ms,
    p95_ms: r.ms,
    ops_per_s: (rows * 1000) / r.ms,
    peak_rss_mb: r.peakRssMb,
    max_event_loop_delay_ms: Number.NaN,
    target: `peak RSS ≤ ${LIMIT_MB} MB`,
    pass: r.peakRssMb <= LIMIT_MB,
    runs: 1,
    note: `fresh Node process running the esbuild bundle (kernel maxRSS); ${r.rssAfterOpenMb.toFixed(0)} MB after opening the store; ` +
      `${req.variants.length} list queries, then CSV and XLSX exports of ${rows} rows; time is the whole child run`,
  };
}
