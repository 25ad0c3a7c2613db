// Runs everywhere. Wangdiantong vip_invoice_info_update: business params and the response, as on the wire.
import { z } from 'zod';
import type { Bilingual } from '../errors';
import { freeTextCheck, identifierCheck } from './safe-text';
import { webLinkSchema } from './web-link';

/** Wangdiantong's PHP side counts characters (code points), so a 4-byte 𠀋 is one, not two UTF-16 units. */
export function codePoints(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}

function maxChars(field: string, max: number) {
  return z
    .string({ error: `${field} 必须是文本 / ${field} must be text` })
    .refine((s) => codePoints(s) <= max, {
      error: (issue) =>
        `${field} 最长 ${max} 个字符，实际 ${typeof issue.input === 'string' ? codePoints(issue.input) : '?'} 个 / ` +
        `${field} is at most ${max} characters, got ${typeof issue.input === 'string' ? codePoints(issue.input) : '?'}`,
    });
}

/** An identifier: the length rule, and no invisible, bidi or control character, no lone surrogate. */
function identifier(field: string, label: Bilingual, max: number) {
  return maxChars(field, max).superRefine(identifierCheck(label));
}

function freeText(field: string, label: Bilingual, max: number) {
  return maxChars(field, max).superRefine(freeTextCheck(label));
}

/** file_path: a web link (a scheme-less host is sent as https://…), its length counted as sent. */
const filePathSchema = webLinkSchema({ zh: 'PDF 链接 file_path', en: 'file_path' }).pipe(maxChars('file_path', 1024));

function isBlank(s: string | undefined): boolean {
  return s === undefined || s.trim() === '';
}

/** 65 开票申请失败, 75 开票失败, 80 开票成功; the wire carries it as text, callers may pass either. */
const statusSchema = z.preprocess(
  (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
  z.union([z.literal(65), z.literal(75), z.literal(80)], {
    error: 'status 只能是 65（开票申请失败）、75（开票失败）或 80（开票成功） / status must be 65 (application failed), 75 (issuing failed) or 80 (issued)',
  }),
);

export const wangdianUpdateRequestSchema = z
  .object({
    invoice_no: identifier('invoice_no', { zh: '发票编号 invoice_no ', en: 'invoice_no' }, 20).refine((s) => s.trim() !== '', {
      error: 'invoice_no（发票编号）不能为空 / invoice_no (the ERP invoice record id) must not be empty',
    }),
    status: statusSchema.default(80),
    invoice_no_out: identifier('invoice_no_out', { zh: '发票号码 invoice_no_out ', en: 'invoice_no_out' }, 40).optional(),
    // Required on the wire, but 数电票 (fully digital invoices) have no code, so '' is legitimate.
    invoice_code: identifier('invoice_code', { zh: '发票代码 invoice_code ', en: 'invoice_code' }, 20).default(''),
    error_info: freeText('error_info', { zh: '失败原因 error_info ', en: 'error_info' }, 255).optional(),
    file_path: filePathSchema.optional(),
  })
  .strict()
  .superRefine((req, ctx) => {
    if (req.status === 80 && isBlank(req.invoice_no_out)) {
      ctx.addIssue({
        code: 'custom',
        path: ['invoice_no_out'],
        message: 'status 为 80（开票成功）时必须填写发票号码 invoice_no_out / invoice_no_out (the invoice number) is required when status is 80 (issued)',
      });
    }
    if ((req.status === 65 || req.status === 75) && isBlank(req.error_info)) {
      ctx.addIssue({
        code: 'custom',
        path: ['error_info'],
        message: `status 为 ${req.status}（失败）时必须填写失败原因 error_info / error_info (the failure reason) is required when status is ${req.status} (failed)`,
      });
    }
  });

/** Input as callers write it (status may be text, defaults omitted). */
export type WangdianUpdateInput = z.input<typeof wangdianUpdateRequestSchema>;
/** Validated request: status a number, invoice_code always present. */
export type WangdianUpdateRequest = z.output<typeof wangdianUpdateRequestSchema>;

const NOT_EXACTLY_ZERO = (got: string): string =>
  `code 只有恰好为 0 才表示成功，收到的是 ${got}（不当作成功） / code means success only when it is exactly 0; got ${got} (not taken as success)`;

/**
 * `{code, message}`; real responses send code as 0 or "0" alike. Only those two mean success: "00", " 0 "
 * or "-0" are refused (an unrecognised answer), never read as 0. Other codes may carry spaces.
 */
export const wangdianResponseSchema = z.object({
  code: z
    .union([z.number(), z.string()], { error: 'code 不是整数 / code is not an integer' })
    .transform((v, ctx) => {
      const n = typeof v === 'number' ? v : /^\s*[-+]?\d+\s*$/.test(v) ? Number(v.trim()) : Number.NaN;
      if (!Number.isInteger(n)) {
        ctx.addIssue({ code: 'custom', message: 'code 不是整数 / code is not an integer' });
        return z.NEVER;
      }
      if (n === 0 && (typeof v === 'number' ? Object.is(v, -0) : v !== '0')) {
        ctx.addIssue({ code: 'custom', message: NOT_EXACTLY_ZERO(typeof v === 'number' ? '-0' : JSON.stringify(v)) });
        return z.NEVER;
      }
      return n;
    }),
  message: z.string().optional().default(''),
});
export type WangdianResponse = z.output<typeof wangdianResponseSchema>;
