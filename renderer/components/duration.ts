// Renderer. Human durations for ETAs: "1小时2分" / "1 h 2 min".
import type { Language } from '../i18n/i18n';

export function formatDuration(sec: number, lang: Language): string {
  const s = Math.max(0, Math.round(sec));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (lang === 'zh-CN') {
    if (h > 0) return `${h}小时${m}分`;
    if (m > 0) return `${m}分${r}秒`;
    return `${r}秒`;
  }
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${r} s`;
  return `${r} s`;
}
