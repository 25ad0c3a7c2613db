// Benchmark child process (plain Node). A fresh main-process core over the 100,000-invoice store: every
// list query once, then the CSV and XLSX exports; reports the process's peak RSS (kernel's maxRSS), so no
// other scenario's garbage is counted.
import { performance } from 'node:perf_hooks';
import { CTX, openBenchCore } from './bench-core';
import { preparedInput, type ListVariant } from './scenarios/list-variants';

export interface MemoryRequest {
  readonly dataDir: string;
  readonly variants: readonly ListVariant[];
  readonly rows: number;
}

export interface MemoryReply {
  readonly peakRssMb: number;
  readonly rssAfterOpenMb: number;
  readonly ms: number;
  readonly listed: number;
  readonly exported: { readonly csv: number; readonly xlsx: number };
}

const MB = 1024 * 1024;

async function run(req: MemoryRequest): Promise<MemoryReply> {
  const t0 = performance.now();
  const core = await openBenchCore(req.dataDir, null);
  const rssAfterOpenMb = process.memoryUsage.rss() / MB;
  try {
    let listed = 0;
    for (const v of req.variants) {
      const page = await core.handlers['invoices:list'](await preparedInput(core, v), CTX);
      listed += page.rows.length;
    }
    const csv = await core.handlers['export:invoices']({ filter: {}, format: 'csv' }, CTX);
    const xlsx = await core.handlers['export:invoices']({ filter: {}, format: 'xlsx' }, CTX);
    if (csv.rows !== req.rows || xlsx.rows !== req.rows) throw new Error(`exported ${csv.rows}/${xlsx.rows} of ${req.rows} rows`);
    return {
      // maxRSS is in kilobytes (KiB) on Linux.
      peakRssMb: (process.resourceUsage().maxRSS * 1024) / MB,
      rssAfterOpenMb,
      ms: performance.now() - t0,
      listed,
      exported: { csv: csv.rows, xlsx: xlsx.rows },
    };
  } finally {
    await core.close();
  }
}

process.once('message', (req: MemoryRequest) => {
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
