// Runs everywhere. `overview:get`: the 概览 page's figures — invoices and amounts per reconciliation status, per
// submission state, per shop and per invoice date, and what is left to do — each with what the reconcile table
// needs to show exactly those rows. Money is integer fen.
import { z } from 'zod';
import { isoDateSchema, reconStatusSchema, submitStateSchema } from '../domain/invoice';
import { invoiceFilterSchema } from './schemas';

export const overviewInput = z.object({}).strict();

const countAmount = z.object({ count: z.number().int().nonnegative(), amountFen: z.number().int() });
export type CountAmount = z.infer<typeof countAmount>;

/** Most shops shown one by one; the rest are summed up (their count says how many there are). */
export const OVERVIEW_MAX_SHOPS = 12;
/** Most invoice days shown one by one (the newest); older days are summed up. */
export const OVERVIEW_MAX_DAYS = 366;

export const OVERVIEW_TODOS = ['to_query', 'query_failed', 'to_submit', 'needs_clerk', 'never_80', 'submit_failed'] as const;
export const overviewTodoSchema = z.enum(OVERVIEW_TODOS);
export type OverviewTodo = z.infer<typeof overviewTodoSchema>;

export const overviewOutput = z.object({
  total: countAmount,
  /** Every reconciliation status, in RECON_STATUSES order, zeros included. */
  byRecon: z.array(countAmount.extend({ reconStatus: reconStatusSchema })),
  /** Every submission state, in SUBMIT_STATES order, zeros included. */
  bySubmit: z.array(countAmount.extend({ submitState: submitStateSchema })),
  /** The shops with the most invoices, most first ('' = no shop on record). */
  byShop: z.array(countAmount.extend({ shop: z.string() })),
  /** Shops beyond OVERVIEW_MAX_SHOPS: how many, and their invoices summed. */
  otherShops: countAmount.extend({ shops: z.number().int().nonnegative() }),
  /** Invoices per invoice date (the ERP's calendar day), oldest first, the newest OVERVIEW_MAX_DAYS days with invoices. */
  byDay: z.array(countAmount.extend({ date: isoDateSchema })),
  /** Days older than those in byDay, summed. */
  olderDays: countAmount.extend({ days: z.number().int().nonnegative() }),
  /** Invoices without an invoice date. */
  noDate: countAmount,
  /**
   * What is left to do, each with the exact table filter whose rows it counts (the count is that filter's total,
   * so a click lands on exactly these invoices).
   */
  todo: z.array(countAmount.extend({ key: overviewTodoSchema, filter: invoiceFilterSchema })),
});
export type Overview = z.infer<typeof overviewOutput>;
