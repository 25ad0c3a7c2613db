// Main process and parse worker. The messages between parser.ts and worker-entry.ts.
import { z } from 'zod';
import { einvoiceFactsSchema, type EinvoiceParse } from '../../../../shared/domain/einvoice-file';

export interface ParseReply {
  readonly id: number;
  readonly result: EinvoiceParse;
}

const bilingual = z.object({ zh: z.string(), en: z.string() });

/** The worker's answer is checked like any other boundary: a malformed one is a bug, said as such. */
export const parseReplySchema = z.object({
  id: z.number().int(),
  result: z.union([z.object({ ok: z.literal(true), facts: einvoiceFactsSchema }), z.object({ ok: z.literal(false), reason: bilingual })]),
});
