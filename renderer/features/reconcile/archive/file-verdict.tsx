// Renderer. The archived file's verdict (原件一致 / 原件不符 / 原件不可用 / 未下载) as the table's tag, the filter's
// options and the detail section's heading: colour, icon and label (never colour alone), the hint as a title.
import type { ReactNode } from 'react';
import { CheckCircleOutlined, CloudDownloadOutlined, ExclamationCircleOutlined, StopOutlined } from '@ant-design/icons';
import { FILE_VERDICT_LABELS, FILE_VERDICTS, type FileMismatch, type FileVerdict } from '../../../../shared/domain/einvoice-file';
import type { Language, Translate } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/zh-CN';

export const FILE_VERDICT_META: Readonly<Record<FileVerdict, { readonly color: string; readonly icon: ReactNode; readonly hint: MessageKey }>> = {
  match: { color: 'success', icon: <CheckCircleOutlined />, hint: 'archive.hint.match' },
  mismatch: { color: 'error', icon: <ExclamationCircleOutlined />, hint: 'archive.hint.mismatchOpen' },
  unavailable: { color: 'warning', icon: <StopOutlined />, hint: 'archive.hint.unavailable' },
  not_downloaded: { color: 'default', icon: <CloudDownloadOutlined />, hint: 'archive.hint.not_downloaded' },
};

const FIELD_KEYS: Readonly<Record<FileMismatch['field'], MessageKey>> = {
  invoiceNum: 'field.invoiceNum',
  invoiceCode: 'field.invoiceCode',
  invoiceDate: 'field.invoiceDate',
  amount: 'field.amount',
  type: 'archive.field.type',
  buyerName: 'archive.field.buyer',
  sellerTaxId: 'archive.field.sellerTaxId',
};

/** "金额（苏宁、ERP）、发票号码（苏宁）": each differing field once, with whom it differs. */
export function mismatchText(t: Translate, list: readonly Pick<FileMismatch, 'field' | 'against'>[] | undefined): string | undefined {
  if (!list || list.length === 0) return undefined;
  const by = new Map<FileMismatch['field'], Set<FileMismatch['against']>>();
  for (const m of list) by.set(m.field, (by.get(m.field) ?? new Set()).add(m.against));
  const sep = t('common.listSep');
  return [...by].map(([field, who]) => {
    const sides = [...who].sort().reverse().map((a) => t(a === 'suning' ? 'archive.side.suning' : 'archive.side.erp')).join(sep);
    return t('archive.hint.field', { field: t(FIELD_KEYS[field]), sides });
  }).join(sep);
}

/** The shared labels are lower case (they also sit inside sentences); a tag starts with a capital like the others. */
export function tagCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function fileVerdictLabel(v: FileVerdict, lang: Language): string {
  return lang === 'zh-CN' ? FILE_VERDICT_LABELS[v].zh : tagCase(FILE_VERDICT_LABELS[v].en);
}

export function fileVerdictLabels(lang: Language): string[] {
  return FILE_VERDICTS.map((v) => fileVerdictLabel(v, lang));
}

/**
 * The table cell: a plain span like the other tags (no antd component per cell). `mismatchText` is what
 * differs ("发票号码、价税合计") when the row knows it; else the hint says to open the details.
 */
export function FileVerdictTag({ verdict, lang, t, mismatchText }: {
  readonly verdict: FileVerdict;
  readonly lang: Language;
  readonly t: Translate;
  readonly mismatchText?: string;
}) {
  const meta = FILE_VERDICT_META[verdict];
  const title = verdict === 'mismatch' && mismatchText ? t('archive.hint.mismatch', { fields: mismatchText }) : t(meta.hint);
  return (
    <span className={`vt-tag vt-tag-${meta.color}`} data-file-verdict={verdict} title={title}>
      {meta.icon}<span>{fileVerdictLabel(verdict, lang)}</span>
    </span>
  );
}
