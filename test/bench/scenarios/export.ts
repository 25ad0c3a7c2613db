// Benchmark (plain Node). Exporting the whole store through the export:invoices handler to CSV and to XLSX —
// the file written by the main process (here into the data folder's exports/), only its name, size and row
// count returned, as every host now receives.
import type { AppCore } from '../../../electron/services/app-core';
import { CTX } from '../bench-core';
import { LOOP_LIMIT_MS, resultOf, type BenchContext } from '../context';
import { repeat } from '../measure';
import type { ScenarioResult } from '../result';

const TARGETS = { csv: 2000, xlsx: 8000 } as const;

export async function exportScenarios(ctx: BenchContext, core: AppCore, rows: number): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = [];
  for (const format of ['csv', 'xlsx'] as const) {
    ctx.log(`export ${rows} rows to ${format}…`);
    let bytes = 0;
    const timed = await repeat({ warmup: ctx.opts.warmup, runs: ctx.opts.runs }, async () => {
      const r = await core.handlers['export:invoices']({ filter: {}, format }, CTX);
      if (r.rows !== rows) throw new Error(`export ${format} wrote ${r.rows} of ${rows} rows`);
      bytes = r.size;
    });
    const limit = TARGETS[format];
    out.push(resultOf({
      name: `export ${format.toUpperCase()}`,
      n: rows,
      timed,
      target: `≤ ${limit / 1000} s, loop ≤ ${LOOP_LIMIT_MS} ms`,
      pass: (med, _p95, loop) => med <= limit && loop <= LOOP_LIMIT_MS,
      note: `${(bytes / 1e6).toFixed(1)} MB file, written by the handler (no bytes returned)`,
    }));
  }
  return out;
}
