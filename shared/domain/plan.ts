// Runs everywhere. The write-back plan of an invoice (what may be sent to Wangdiantong, derived from its
// reconciliation) and how a submit treats a selection; the rule itself is electron/domain/write-back-plan.ts.
import { z } from 'zod';
import { invoiceRowSchema, reconStatusSchema } from './invoice';
import { fileCheckFieldSchema } from './einvoice-file';
import type { Label } from './labels';

export const WRITE_BACK_PLANS = ['submit', 'fill_then_submit', 'query_first', 'needs_clerk', 'never_80', 'nothing'] as const;
export const writeBackPlanSchema = z.enum(WRITE_BACK_PLANS);
export type WriteBackPlan = z.infer<typeof writeBackPlanSchema>;

export const bilingualSchema = z.object({ zh: z.string(), en: z.string() });

export const WRITE_BACK_PLAN_LABELS: Readonly<Record<WriteBackPlan, Label>> = {
  submit: { zh: '可回传', en: 'Submit' },
  fill_then_submit: { zh: '先填入再回传', en: 'Fill, then submit' },
  query_first: { zh: '先查询', en: 'Query first' },
  needs_clerk: { zh: '需人工处理', en: 'Needs the clerk' },
  never_80: { zh: '不可回传成功', en: 'Never 80' },
  nothing: { zh: '无需操作', en: 'Nothing to do' },
};

/**
 * Why a submit does not send an invoice as it stands. 'skip': nothing to do (already accepted, or already in
 * the outbox); every other code is a refusal of status 80 that only a per-invoice override may lift.
 */
export const SUBMIT_REFUSALS = ['accepted', 'in_outbox', 'query_first', 'fill_first', 'needs_clerk', 'never_80'] as const;
export const submitRefusalSchema = z.enum(SUBMIT_REFUSALS);
export type SubmitRefusal = z.infer<typeof submitRefusalSchema>;

/** The job-item code a refused or skipped invoice is recorded with. */
export const PLAN_REFUSED_CODE = 'plan.refused';
export const PLAN_SKIPPED_CODE = 'plan.skipped';

/** What the write-back plan did to a submit job's invoices, grouped by reason (`submit:outcomes`). */
export const planOutcomesSchema = z.array(z.object({
  code: z.enum([PLAN_REFUSED_CODE, PLAN_SKIPPED_CODE]),
  reason: bilingualSchema,
  count: z.number().int(),
}));
export type PlanOutcomes = z.infer<typeof planOutcomesSchema>;

const countAmount = z.object({ count: z.number().int(), amountFen: z.number().int() });

/** What a bulk submit of a selection would do, before anything is sent (`submit:preview`). */
export const submitPreviewSchema = z.object({
  total: z.number().int(),
  /** Sent as 80 开票成功. */
  as80: countAmount,
  /** Sent as 65 / 75 (a failure the clerk chose, with its reason). */
  asFailure: countAmount,
  /** Not sent, grouped by why and by reconciliation status. */
  skipped: z.array(countAmount.extend({
    refusal: submitRefusalSchema,
    reconStatus: reconStatusSchema,
    reason: bilingualSchema,
  })),
  /** Amount total of what is sent (80 and 65/75). */
  sentAmountFen: z.number().int(),
});
export type SubmitPreview = z.infer<typeof submitPreviewSchema>;

/** A table row with its plan: what `invoices:list`, `invoices:get` and the exports carry. */
export const plannedInvoiceRowSchema = invoiceRowSchema.extend({
  plan: writeBackPlanSchema,
  planReason: bilingualSchema,
  /**
   * invoices:list only, on a row whose file differs (fileVerdict 'mismatch'): which fields differ and from whom,
   * for the 原件 column's hint; the values and sentences are in invoices:get's fileCheck.
   */
  fileMismatches: z.array(z.object({ field: fileCheckFieldSchema, against: z.enum(['suning', 'local']) })).optional(),
});
export type PlannedInvoiceRow = z.infer<typeof plannedInvoiceRowSchema>;

/**
 * What 自动处理 / `auto` would do over a selection, phase by phase, from what is known now (`auto:plan`). The
 * query phase can change statuses: the invoices it queries are planned again after their answer.
 */
export const autoPlanSchema = z.object({
  total: z.number().int(),
  /** Phase 1: not queried, query failed or answer too old. */
  query: countAmount,
  /** Phase 2: fillable, filled from the one valid blue and then sent as 80. */
  fill: countAmount,
  /** Phase 3: plan "submit", sent as on record. */
  submit: countAmount,
  /** Left for the clerk, per plan and reconciliation status, with the reason. */
  leftForClerk: z.array(countAmount.extend({
    plan: z.enum(['needs_clerk', 'never_80']),
    reconStatus: reconStatusSchema,
    reason: bilingualSchema,
  })),
  /** Already accepted and unchanged, or already in the outbox. */
  nothing: countAmount,
});
export type AutoPlan = z.infer<typeof autoPlanSchema>;
