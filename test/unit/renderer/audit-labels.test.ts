// Unit: the audit log in words — every action the core records has a label in both languages, targets and
// details read as words, not as channel names or JSON.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, auditSummary, auditTarget } from '../../../renderer/i18n/audit-labels';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('audit labels', () => {
  it('label every action the main process records', () => {
    const root = path.resolve(import.meta.dirname, '../../../electron');
    const actions = new Set<string>();
    for (const f of sources(root)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/audit\.append\([^,]+,\s*(?:kind === 'suning_query' \? )?'([a-z_.]+)'(?: : '([a-z_.]+)')?/g)) {
        if (m[1]) actions.add(m[1]);
        if (m[2]) actions.add(m[2]);
      }
    }
    expect(actions.size).toBeGreaterThan(10);
    for (const a of actions) {
      expect(AUDIT_ACTION_LABELS[a]?.['zh-CN'], a).toMatch(/[\u4e00-\u9fff]/);
      expect(AUDIT_ACTION_LABELS[a]?.['en-US'], a).toMatch(/^[^\u4e00-\u9fff]+$/);
    }
  });
  it('reads targets and details as words', () => {
    expect(auditTarget('job:12', 'zh-CN')).toBe('任务 12');
    expect(auditTarget('auto:3', 'en-US')).toBe('automatic run 3');
    expect(auditTarget('wangdian.appsecret', 'en-US')).toBe('Wangdiantong secret');
    expect(auditTarget('发票对账-20261201.csv', 'en-US')).toBe('发票对账-20261201.csv');
    expect(auditSummary({ rows: 1200, format: 'csv', filter: { reconStatus: ['matched'] } }, 'zh-CN')).toBe('行数 1,200，格式 CSV');
    expect(auditSummary({ total: 3 }, 'en-US')).toBe('invoices 3');
  });
});
