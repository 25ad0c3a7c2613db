// Unit: the two dictionaries agree on placeholders, and formatting fills them.
import { describe, expect, it } from 'vitest';
import { zhCN } from '../../../renderer/i18n/zh-CN';
import { enUS } from '../../../renderer/i18n/en-US';
import { format } from '../../../renderer/i18n/i18n';
import { RECON_LABELS, RECON_HINTS, SUBMIT_LABELS } from '../../../renderer/i18n/labels';
import { RECON_STATUSES, SUBMIT_STATES } from '../../../shared/domain/invoice';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n dictionaries', () => {
  it('have the same keys, no empty message, and the same placeholders in both languages', () => {
    expect(Object.keys(enUS).sort()).toEqual(Object.keys(zhCN).sort());
    for (const [key, zh] of Object.entries(zhCN)) {
      const en = enUS[key as keyof typeof zhCN];
      expect(zh.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });

  it('label every reconciliation status and submission state in both languages', () => {
    for (const s of RECON_STATUSES) {
      expect(RECON_LABELS[s]['zh-CN']).toMatch(/\S/);
      expect(RECON_LABELS[s]['en-US']).toMatch(/\S/);
      expect(RECON_HINTS[s]['zh-CN']).toMatch(/\S/);
    }
    for (const s of SUBMIT_STATES) expect(SUBMIT_LABELS[s]['en-US']).toMatch(/\S/);
    // Distinct labels: two statuses that read the same would be indistinguishable in the chips.
    expect(new Set(RECON_STATUSES.map((s) => RECON_LABELS[s]['zh-CN'])).size).toBe(RECON_STATUSES.length);
  });
});

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('共 {n} 张，{x}', { n: 3 })).toBe('共 3 张，{x}');
    expect(format('no params')).toBe('no params');
  });
});
