// Unit: a validation message in each language only — a schema's "中文 / English" message is split, not repeated.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodIssues, splitBilingual } from '../../../shared/errors';
import { submissionsListInput } from '../../../shared/api/schemas';

describe('validation messages', () => {
  it('split a "中文 / English" message into its halves', () => {
    expect(splitBilingual('日期不存在 / No such date')).toEqual({ zh: '日期不存在', en: 'No such date' });
    expect(splitBilingual('Too small')).toEqual({ zh: 'Too small', en: 'Too small' });
  });
  it('name the field and give each language its own reason', () => {
    const parsed = submissionsListInput.safeParse({ from: '2026-02-30' });
    if (parsed.success) throw new Error('should refuse');
    const d = describeZodIssues(parsed.error);
    expect(d.zh).toBe('字段 from：日期不存在');
    expect(d.en).toBe('field from: No such date');
    expect(describeZodIssues(z.object({ a: z.string() }).safeParse({ a: 1 }).error ?? new z.ZodError([])).en).toMatch(/^field a: /);
  });
});
