// Benchmark (plain Node). One result per scenario, in the shape the issue fixes, and the two ways of
// printing them: a table for people, one JSON object per line for machines.

export interface ScenarioResult {
  readonly name: string;
  /** Items one run handles (rows, invoices, orders). */
  readonly n: number;
  readonly median_ms: number;
  readonly p95_ms: number;
  readonly ops_per_s: number;
  /** The SDK-style baseline for the same n (extrapolated when baseline_extrapolated_from is set). */
  readonly baseline_ms?: number;
  /** Median of the per-pair ratios baseline / ours (each pair measured back to back). */
  readonly ratio?: number;
  readonly peak_rss_mb: number;
  readonly max_event_loop_delay_ms: number;
  /** The target, as text. */
  readonly target: string;
  readonly pass: boolean;
  /** Runs measured (after the warm-up). */
  readonly runs?: number;
  readonly baseline_extrapolated_from?: number;
  /** Settings and side facts that explain the figure (limits used, failures seen). */
  readonly note?: string;
  /** Why the scenario could not run or crashed; pass is then false. */
  readonly error?: string;
}

/** What a scenario reports when it could not run; `crashed` separates bugs from "not available here". */
export function failedResult(name: string, target: string, error: unknown, crashed: boolean): ScenarioResult & { crashed: boolean } {
  const message = error instanceof Error ? error.message : String(error);
  return {
    name,
    n: 0,
    median_ms: Number.NaN,
    p95_ms: Number.NaN,
    ops_per_s: 0,
    peak_rss_mb: Number.NaN,
    max_event_loop_delay_ms: Number.NaN,
    target,
    pass: false,
    error: message.split('\n')[0]?.slice(0, 300) ?? message,
    crashed,
  };
}

const round = (v: number, digits: number): number => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);

/** The JSON line for a result: numbers rounded to what the measurement can carry. */
export function toJsonLine(r: ScenarioResult): string {
  const out: Record<string, unknown> = {
    name: r.name,
    n: r.n,
    median_ms: round(r.median_ms, 3),
    p95_ms: round(r.p95_ms, 3),
    ops_per_s: round(r.ops_per_s, 1),
  };
  if (r.baseline_ms !== undefined) out['baseline_ms'] = round(r.baseline_ms, 1);
  if (r.ratio !== undefined) out['ratio'] = round(r.ratio, 2);
  if (r.baseline_extrapolated_from !== undefined) out['baseline_extrapolated_from'] = r.baseline_extrapolated_from;
  out['peak_rss_mb'] = round(r.peak_rss_mb, 1);
  out['max_event_loop_delay_ms'] = round(r.max_event_loop_delay_ms, 1);
  out['target'] = r.target;
  out['pass'] = r.pass;
  if (r.runs !== undefined) out['runs'] = r.runs;
  if (r.note !== undefined) out['note'] = r.note;
  if (r.error !== undefined) out['error'] = r.error;
  // NaN is not JSON; a scenario that did not run reports null.
  return JSON.stringify(out, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v));
}

function fmtMs(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (v >= 10_000) return `${(v / 1000).toFixed(1)} s`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  if (v >= 100) return `${v.toFixed(0)} ms`;
  if (v >= 10) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(2)} ms`;
}

function fmtNum(v: number | undefined, digits = 0): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  return v.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A Markdown table (readable in a terminal and pasteable into docs/PERFORMANCE.md). */
export function toTable(results: readonly ScenarioResult[]): string {
  const head = ['scenario', 'n', 'median', 'p95', 'ops/s', 'baseline', 'ratio', 'max loop delay', 'peak RSS', 'target', 'pass'];
  const rows = results.map((r) => [
    r.name,
    fmtNum(r.n),
    fmtMs(r.median_ms),
    fmtMs(r.p95_ms),
    fmtNum(r.ops_per_s),
    r.baseline_ms === undefined ? '' : `${fmtMs(r.baseline_ms)}${r.baseline_extrapolated_from !== undefined ? ` (from ${fmtNum(r.baseline_extrapolated_from)})` : ''}`,
    r.ratio === undefined ? '' : `${r.ratio.toFixed(1)}×`,
    fmtMs(r.max_event_loop_delay_ms),
    Number.isFinite(r.peak_rss_mb) ? `${r.peak_rss_mb.toFixed(0)} MB` : '—',
    r.target,
    r.error !== undefined ? `no: ${r.error}` : r.pass ? 'yes' : '**no**',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const out = [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
  // One list variant's note is only its match count (kept in the JSON); the table would drown in them.
  const notes = results
    .filter((r) => r.note !== undefined && !/^\d+ of \d+ match$/.test(r.note))
    .map((r) => `- ${r.name}: ${r.note ?? ''}`);
  return [...out, ...(notes.length > 0 ? ['', 'Notes:', ...notes] : [])].join('\n');
}
