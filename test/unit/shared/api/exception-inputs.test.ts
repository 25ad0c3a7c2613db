// Unit (Node): the exception paths' inputs (标记开票失败, the split choice, the clerk's note) refuse what the
// edit form refuses — a lone surrogate in free text, hidden characters in an invoice number — with zh/en words.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract } from '../../../../shared/api/contract';
import { validationError } from '../../../../shared/errors';

function refusal(r: { success: boolean; error?: z.ZodError }): ReturnType<typeof validationError> {
  if (r.success || !r.error) throw new Error('expected a refusal');
  return validationError(r.error);
}

const selection = { kind: 'ids', ids: [1] } as const;

describe('exception inputs', () => {
  it('标记开票失败 refuses a reason with a lone surrogate, and asks for a reason in words', () => {
    const lone = refusal(contract['submit:markFailed'].input.safeParse({ selection, status: 75, reason: 'bad \uD800 text' }));
    expect(lone.messageZh).toContain('失败原因');
    expect(lone.messageEn).toContain('failure reason');
    const empty = refusal(contract['submit:markFailed'].input.safeParse({ selection, status: 75, reason: '  ' }));
    expect(empty.messageZh).toContain('请填写失败原因');
    expect(empty.messageZh).not.toContain('error_info');
    expect(contract['submit:markFailed'].input.parse({ selection, reason: '已全额冲红' })).toMatchObject({ status: 75, reason: '已全额冲红' });
  });

  it('the split choice refuses an invoice number with a hidden character, naming it', () => {
    const e = refusal(contract['invoices:chooseSplit'].input.safeParse({ id: 1, pick: { kind: 'one', invoiceNum: '8809\u200B3702' } }));
    expect(e.messageEn).toContain('U+200B');
  });

  it('the clerk note refuses a lone surrogate and keeps ordinary text', () => {
    const e = refusal(contract['invoices:setNote'].input.safeParse({ id: 1, note: 'x\uDC00' }));
    expect(e.messageZh).toContain('处理备注');
    expect(contract['invoices:setNote'].input.parse({ id: 1, note: '已与买家核对，待补开' }).note).toBe('已与买家核对，待补开');
  });
});
