// Unit: a finished job's tag says how it went, failures included.
import { describe, expect, it } from 'vitest';
import { jobTag } from '../../../renderer/features/reconcile/job-tag';
import { translate } from '../../../renderer/i18n/i18n';
import type { MessageKey } from '../../../renderer/i18n/zh-CN';

const zh = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate('zh-CN', key, params);
const en = (key: MessageKey, params?: Readonly<Record<string, string | number>>) => translate('en-US', key, params);

describe('jobTag', () => {
  it('a finished job with failures says so, red when nothing succeeded', () => {
    expect(jobTag({ state: 'done', done: 0, failed: 48 }, zh)).toEqual({ color: 'error', text: '完成，48 项失败' });
    expect(jobTag({ state: 'done', done: 10, failed: 2 }, zh)).toEqual({ color: 'warning', text: '完成，2 项失败' });
    expect(jobTag({ state: 'done', done: 10, failed: 2 }, en).text).toBe('Finished, 2 failed');
  });
  it('a clean finish is green; running is blue; a cancelled one names its failures', () => {
    expect(jobTag({ state: 'done', done: 10, failed: 0 }, zh)).toEqual({ color: 'success', text: '已完成' });
    expect(jobTag({ state: 'running', done: 1, failed: 1 }, zh).color).toBe('processing');
    expect(jobTag({ state: 'cancelled', done: 1, failed: 3 }, zh).text).toBe('已取消，3 项失败');
  });
});
