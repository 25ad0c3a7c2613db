// Renderer. Messages from shared schemas carry both languages in one string; the clerk reads one.
import type { Language } from './i18n';

/** A schema message written "中文 / English" (shared/api/schemas.ts) in the clerk's language only. */
export function oneLanguage(message: string, lang: Language): string {
  const m = /^(.*[\u3400-\u9fff].*?) \/ ([^\u3400-\u9fff]+)$/.exec(message);
  if (!m) return message;
  return lang === 'zh-CN' ? (m[1] ?? message) : (m[2] ?? message);
}
