// Runs everywhere. 自动处理 (issue 13 §4): one persisted run over a fixed set of invoices — query what needs a
// query, fill every fillable from its one valid blue, submit every invoice whose plan is "submit" — its
// progress across the phases, and the summary of what is left for the clerk. The runner is
// electron/services/auto/.
import { z } from 'zod';
import { invoiceFilterSchema, jobStateSchema } from '../api/schemas';
import { reconStatusSchema } from './invoice';
import { bilingualSchema, writeBackPlanSchema } from './plan';

export const AUTO_PHASES = ['query', 'fill', 'submit', 'finished'] as const;
export const autoPhaseSchema = z.enum(AUTO_PHASES);
export type AutoPhase = z.infer<typeof autoPhaseSchema>;

export const autoRunStateSchema = jobStateSchema;
export type AutoRunState = z.infer<typeof autoRunStateSchema>;

const failureSchema = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });

/** One phase as the progress panel shows it. */
export const autoPhaseProgressSchema = z.object({
  phase: z.enum(['query', 'fill', 'submit']),
  state: z.enum(['pending', 'running', 'done', 'skipped', 'failed', 'paused', 'cancelled']),
  total: z.number().int(),
  /** Finished successfully. */
  done: z.number().int(),
  failed: z.number().int(),
  /** The child job of this phase (query, submit); null for the fill or before it started. */
  jobId: z.number().int().nullable(),
});
export type AutoPhaseProgress = z.infer<typeof autoPhaseProgressSchema>;

/** A group of invoices the run left for the clerk, one click from the table filtered to it. */
export const autoLeftGroupSchema = z.object({
  plan: writeBackPlanSchema,
  reconStatus: reconStatusSchema,
  /** The last query of these failed (they keep their last successful verdict; nothing automatic acts on them). */
  queryFailed: z.boolean(),
  count: z.number().int(),
  amountFen: z.number().int(),
  reason: bilingualSchema,
  /** The reconcile table's filter that shows this group. */
  filter: invoiceFilterSchema,
});
export type AutoLeftGroup = z.infer<typeof autoLeftGroupSchema>;

export const autoSummarySchema = z.object({
  total: z.number().int(),
  queried: z.object({ ok: z.number().int(), failed: z.number().int() }),
  filled: z.number().int(),
  fillFailed: z.number().int(),
  submitted: z.object({ ok: z.number().int(), failed: z.number().int() }),
  /** Already accepted and unchanged (or waiting in the outbox) when the run ended. */
  nothingLeft: z.number().int(),
  /** What still needs the clerk, grouped by plan and reconciliation status, largest first. */
  leftForClerk: z.array(autoLeftGroupSchema),
  /** Automatic steps that failed (queries, fills, sends): exit 1 in the CLI when above 0. */
  automaticFailures: z.number().int(),
});
export type AutoSummary = z.infer<typeof autoSummarySchema>;

export const autoRunSchema = z.object({
  runId: z.number().int(),
  state: autoRunStateSchema,
  phase: autoPhaseSchema,
  total: z.number().int(),
  phases: z.array(autoPhaseProgressSchema),
  /** Rate and ETA of the phase running now. */
  ratePerSec: z.number(),
  etaSec: z.number().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  lastError: failureSchema.nullable(),
  /** Once the run is over (done, failed or cancelled). */
  summary: autoSummarySchema.nullable(),
});
export type AutoRun = z.infer<typeof autoRunSchema>;

export const autoRunIdInput = z.object({ runId: z.number().int().positive() }).strict();
/** No run id: the newest run (the progress panel after a restart), or null when none was ever started. */
export const autoGetInput = z.object({ runId: z.number().int().positive().optional() }).strict();

