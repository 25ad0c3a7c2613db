// Runs everywhere. File names inside the archive ZIP (issue 15 §3): a template such as
// `{开票日期}_{发票号码}_{价税合计}.pdf`, placeholders checked by name, and names every file system accepts —
// the characters Windows forbids (<>:"/\|?* and control characters) replaced, reserved device names (CON, NUL,
// COM1…) avoided, trailing dots and spaces dropped, duplicates numbered.
import type { Bilingual } from '../errors';

export const DEFAULT_ZIP_NAME_TEMPLATE = '{开票日期}_{发票号码}_{价税合计}.pdf';

/** The placeholders a template may use, and what each is (for the settings hint and the error). */
export const ZIP_NAME_PLACEHOLDERS = {
  开票日期: { zh: '开票日期 YYYY-MM-DD', en: 'invoice date YYYY-MM-DD' },
  发票号码: { zh: '发票号码', en: 'invoice number' },
  发票代码: { zh: '发票代码', en: 'invoice code' },
  价税合计: { zh: '价税合计（元）', en: 'total incl. tax (yuan)' },
  订单号: { zh: '订单号', en: 'order number' },
  发票编号: { zh: 'ERP 发票编号', en: 'ERP invoice record number' },
  店铺: { zh: '店铺', en: 'shop' },
  蓝红: { zh: '蓝票/红票', en: 'blue/red' },
} as const satisfies Record<string, Bilingual>;
export type ZipNamePlaceholder = keyof typeof ZIP_NAME_PLACEHOLDERS;
export type ZipNameValues = Readonly<Record<ZipNamePlaceholder, string>>;

const TOKEN = /\{([^{}]*)\}/g;
const MAX_NAME = 180;

/** Why a template cannot be used, naming the bad placeholder; null when it is fine. */
export function zipTemplateProblem(template: string): Bilingual | null {
  if (template.trim() === '') return { zh: '文件名模板不能为空', en: 'The file name template must not be empty' };
  if (template.length > 200) return { zh: '文件名模板不能超过 200 个字符', en: 'The file name template must be at most 200 characters' };
  const names = [...template.matchAll(TOKEN)].map((m) => m[1] ?? '');
  for (const n of names) {
    if (!Object.prototype.hasOwnProperty.call(ZIP_NAME_PLACEHOLDERS, n)) {
      const known = Object.keys(ZIP_NAME_PLACEHOLDERS).map((k) => `{${k}}`).join('、');
      return { zh: `文件名模板中的占位符 {${n}} 不存在；可用：${known}`, en: `The file name template uses an unknown placeholder {${n}}; available: ${known}` };
    }
  }
  const rest = template.replace(TOKEN, '');
  if (/[{}]/.test(rest)) return { zh: '文件名模板中有不成对的花括号', en: 'The file name template has an unmatched brace' };
  if (names.length === 0) return { zh: '文件名模板至少要有一个占位符，否则所有文件同名', en: 'The file name template needs at least one placeholder, or every file gets the same name' };
  return null;
}

/** What Windows refuses in a name (control characters are replaced apart, by code). */
const FORBIDDEN = /[<>:"/\\|?*]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** One path segment every file system accepts (Windows the strictest). */
export function safeFileName(name: string): string {
  // Forbidden characters and C0/C1 controls become '_'; lone surrogates too (not encodable in the ZIP's UTF-8).
  let out = name.replace(FORBIDDEN, '_').replace(/[\x7f-\x9f]/g, '_').replace(/[\s\S]/g, (c) => (c.charCodeAt(0) < 0x20 ? '_' : c)).replace(/[\ud800-\udfff]/g, (c, i: number, s: string) => {
    const code = c.charCodeAt(0);
    const next = s.charCodeAt(i + 1);
    const prev = s.charCodeAt(i - 1);
    const paired = code < 0xdc00 ? next >= 0xdc00 && next <= 0xdfff : prev >= 0xd800 && prev < 0xdc00;
    return paired ? c : '_';
  });
  // Windows drops trailing dots and spaces, which would merge names.
  out = out.replace(/[. ]+$/, '');
  if (out === '') out = '_';
  const dot = out.indexOf('.');
  const stem = dot < 0 ? out : out.slice(0, dot);
  if (RESERVED.test(stem)) out = `_${out}`;
  if (out.length > MAX_NAME) {
    const ext = /\.[a-z0-9]{1,8}$/i.exec(out)?.[0] ?? '';
    out = out.slice(0, MAX_NAME - ext.length) + ext;
  }
  return out;
}

/** The template filled in and made safe (the caller checked the template with zipTemplateProblem). */
export function renderZipName(template: string, values: ZipNameValues): string {
  return safeFileName(template.replace(TOKEN, (_m, n: string) => values[n as ZipNamePlaceholder] ?? ''));
}

/** Numbers duplicates `name (2).pdf`, `name (3).pdf`…, case-insensitively (Windows and macOS ignore case). */
export function createNameDeduper(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${ext}`;
    used.add(candidate.toLowerCase());
    return candidate;
  };
}
