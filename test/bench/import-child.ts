// Benchmark child process (plain Node, the esbuild bundle beside its import-worker.cjs). A fresh main-process
// core imports one large CSV the way the CLI does (file read, base64, import:commit, the import worker);
// reports the time, the process's peak RSS (kernel maxRSS: main thread and worker together) and the main
// thread's longest loop delay, so nothing of the parent bench (its generated data) is counted.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { importBytes, openBenchCore } from './bench-core';
import { Watch } from './measure';

export interface LargeImportRequest {
  readonly dataDir: string;
  readonly file: string;
  readonly rows: number;
}

export interface LargeImportReply {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  /** Two seconds after the answer: the worker of a large file has stopped and returned its heap. */
  readonly rssLaterMb: number;
  readonly maxLoopDelayMs: number;
  readonly inserted: number;
  readonly invalid: number;
}

const MB = 1024 * 1024;

async function run(req: LargeImportRequest): Promise<LargeImportReply> {
  const core = await openBenchCore(req.dataDir, null);
  try {
    const rssBeforeMb = process.memoryUsage.rss() / MB;
    const watch = new Watch();
    const t0 = performance.now();
    const r = await importBytes(core, 'erp-export-1m.csv', await readFile(req.file));
    const ms = performance.now() - t0;
    const w = await watch.stop();
    const rssAfterMb = process.memoryUsage.rss() / MB;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return {
      ms,
      // maxRSS is in kilobytes (KiB) on Linux.
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      rssBeforeMb,
      rssAfterMb,
      rssLaterMb: process.memoryUsage.rss() / MB,
      maxLoopDelayMs: w.maxLoopDelayMs,
      inserted: r.inserted,
      invalid: r.invalid.length,
    };
  } finally {
    await core.close();
  }
}

process.once('message', (req: LargeImportRequest) => {
  run(req).then(
    (reply) => {
      process.send?.({ ok: true, reply });
      process.disconnect?.();
    },
    (e: unknown) => {
      process.send?.({ ok: false, error: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) });
      process.disconnect?.();
    },
  );
});
