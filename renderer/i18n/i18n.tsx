// Renderer. The language context: a typed dictionary lookup with {name} placeholders, zh-CN by default.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { zhCN, type MessageKey } from './zh-CN';
import { enUS } from './en-US';

export type Language = 'zh-CN' | 'en-US';
export const LANGUAGES: readonly Language[] = ['zh-CN', 'en-US'];

const DICTS: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = { 'zh-CN': zhCN, 'en-US': enUS };
const STORAGE_KEY = 'invoice-recon.language';

export type TranslateParams = Readonly<Record<string, string | number>>;
export type Translate = (key: MessageKey, params?: TranslateParams) => string;

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a missing param is noticed. */
export function format(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

export function translate(lang: Language, key: MessageKey, params?: TranslateParams): string {
  return format(DICTS[lang][key], params);
}

interface I18nValue {
  readonly lang: Language;
  readonly t: Translate;
  /** Picks the message of the current language from a {zh, en} pair coming from the main process. */
  readonly pick: (zh: string, en: string) => string;
  readonly setLang: (lang: Language) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

function initialLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored === 'en-US' || stored === 'zh-CN') return stored;
  } catch {
    // Storage can be disabled (privacy settings); the default language is then the right answer.
    return 'zh-CN';
  }
  return 'zh-CN';
}

export function I18nProvider({ children }: { readonly children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((next: Language) => {
    setLangState(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisting the choice is harmless: settings:update keeps the real preference.
      return;
    }
  }, []);
  const value = useMemo<I18nValue>(() => ({
    lang,
    t: (key, params) => translate(lang, key, params),
    pick: (zh, en) => (lang === 'zh-CN' ? zh : en),
    setLang,
  }), [lang, setLang]);
  // Screen readers and CJK font selection follow the document language.
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

export type { MessageKey };
