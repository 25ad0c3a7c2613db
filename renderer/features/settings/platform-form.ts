// Renderer. Validates a platform's settings with the contract's own schema and maps issues onto form fields, in
// the clerk's language: zod's own messages from its locale, the schema's "中文 / English" ones split.
import type { FormInstance } from 'antd';
import { z } from 'zod';
import type { Language } from '../../i18n/i18n';
import { oneLanguage } from '../../i18n/one-language';

const ZH = z.locales.zhCN();
const EN = z.locales.en();

/** Parse options whose built-in messages are in the clerk's language (schema messages still win). */
export function parseIn(lang: Language): { readonly error: NonNullable<typeof ZH.localeError> } {
  const error = (lang === 'zh-CN' ? ZH : EN).localeError;
  if (!error) throw new Error('zod locale without messages');
  return { error };
}

export function applyIssues(form: FormInstance, error: z.ZodError, lang: Language): void {
  const byField = new Map<string, string[]>();
  for (const i of error.issues) {
    const f = String(i.path[0] ?? '');
    byField.set(f, [...(byField.get(f) ?? []), oneLanguage(i.message, lang)]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
}
