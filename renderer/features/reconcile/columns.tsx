// Renderer. Columns of the reconcile table; sortable ones map 1:1 to the server's sort fields. Cells are plain
// elements (no antd component, no tooltip per cell): the virtual table mounts about twenty new rows per frame
// while the clerk scrolls, so each cell must cost next to nothing.
import type { ReactNode } from 'react';
import { WarningOutlined } from '@ant-design/icons';
import { RECON_STATUSES, SUBMIT_STATES, type ReconStatus, type SubmitState } from '../../../shared/domain/invoice';
import { WRITE_BACK_PLANS, type PlannedInvoiceRow as InvoiceRow, type WriteBackPlan } from '../../../shared/domain/plan';
import type { InvoiceSort } from '../../../shared/api/schemas';
import { formatFenGrouped } from '../../../shared/domain/money';
import { RECON_META, SUBMIT_META } from '../../components/status-meta';
import type { Language, Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh-CN';
import { PLAN_LABELS, RECON_HINTS, RECON_LABELS, SUBMIT_LABELS } from '../../i18n/labels';
import { formatTime } from '../../components/time';
import { FileVerdictTag, fileVerdictLabels, mismatchText } from './archive/file-verdict';

export type SortField = InvoiceSort['field'];

export interface Column {
  readonly key: string;
  readonly title: string;
  readonly width: number;
  /** Never narrower: tags and labels are shown whole, not cut off. */
  readonly minWidth: number;
  /** Stays at the left while the table scrolls sideways (status and 发票编号). */
  readonly pinned?: boolean;
  readonly align?: 'right';
  /** Set when the header sorts the whole store by this field. */
  readonly sort?: SortField;
  /** Long text: cut with an ellipsis, the whole value in the cell's title. */
  readonly ellipsis?: boolean;
  /** Extra class of the cell (mono, num, a mismatch); fewer elements per cell than a wrapping span. */
  readonly cell?: string | ((r: InvoiceRow) => string);
  readonly render: (r: InvoiceRow) => ReactNode;
}

export function money(fen: number | null): string {
  return fen === null ? '—' : formatFenGrouped(fen);
}

/** local − Suning in fen (Suning = the sum of the valid blues); null when Suning has no valid blue. */
export function amountDiffFen(r: Pick<InvoiceRow, 'amountFen' | 'suningAmountFen'>): number | null {
  return r.suningAmountFen === null ? null : r.amountFen - r.suningAmountFen;
}

/** A signed yuan amount: +1,234.50 / -0.30 / 0.00. */
export function signedMoney(fen: number | null): string {
  if (fen === null) return '—';
  return fen > 0 ? `+${formatFenGrouped(fen)}` : formatFenGrouped(fen);
}

const MISMATCH = 'vt-diff';

/** The tag look (colour, icon and label, never colour alone) as a plain span; the colours are antd's presets. */
function StatusTag({ status, lang }: { readonly status: ReconStatus; readonly lang: Language }) {
  const meta = RECON_META[status];
  return (
    <span className={`vt-tag vt-tag-${meta.color}`} data-status={status} title={RECON_HINTS[status][lang]}>
      {meta.icon}<span>{RECON_LABELS[status][lang]}</span>
    </span>
  );
}

function SubmitStateTag({ state, lang }: { readonly state: SubmitState; readonly lang: Language }) {
  const meta = SUBMIT_META[state];
  return (
    <span className={`vt-tag vt-tag-${meta.color}`} data-submit={state}>
      {meta.icon}<span>{SUBMIT_LABELS[state][lang]}</span>
    </span>
  );
}

/** The plan as a short label; its one-sentence reason is the cell's title (no tooltip component per cell). */
function PlanCell({ plan, reason, lang }: { readonly plan: WriteBackPlan; readonly reason: string; readonly lang: Language }) {
  return <span className={`vt-plan vt-plan-${plan}`} data-plan={plan} title={reason}>{PLAN_LABELS[plan][lang]}</span>;
}

/** "最近一次查询失败 (time, reason)": the verdict beside it is the last successful answer's. */
export function queryFailedText(t: Translate, r: Pick<InvoiceRow, 'queryFailedAt' | 'queryFailedReason'>): string {
  return t('recon.queryFailedFlag', { at: r.queryFailedAt ? formatTime(r.queryFailedAt) : '', reason: r.queryFailedReason || '—' });
}

function QueryFailedMark({ row, t }: { readonly row: InvoiceRow; readonly t: Translate }) {
  const text = queryFailedText(t, row);
  return <span className="vt-query-failed" title={text} aria-label={text} data-testid="query-failed-flag"><WarningOutlined /></span>;
}

/** 苏宁金额 of an order with no single valid blue: the total of its valid blues (0 when all are reversed), tagged. */
function SuningAmount({ row, t }: { readonly row: InvoiceRow; readonly t: Translate }) {
  const note = AMOUNT_NOTES[row.reconStatus];
  if (note === undefined || row.suningAmountFen === null) return <>{money(row.suningAmountFen)}</>;
  return (
    <>
      <span className="vt-amount-note" title={t(note.hint)}>{t(note.label)}</span>
      {money(row.suningAmountFen)}
    </>
  );
}

const AMOUNT_NOTES: Partial<Record<ReconStatus, { readonly label: MessageKey; readonly hint: MessageKey }>> = {
  split: { label: 'recon.amountNote.split', hint: 'recon.amountNote.splitHint' },
  reversed: { label: 'recon.amountNote.reversed', hint: 'recon.amountNote.reversedHint' },
};

/** Width of a tag holding the longest of these labels: 12px text, icon, gap, padding, border, cell padding. */
function tagWidth(labels: readonly string[], extra = 0): number {
  return Math.ceil(Math.max(...labels.map(textWidth)) + 14 + 4 + 14 + 2 + 16 + extra);
}

/** Text width at the tags' 12px: measured where a canvas exists, estimated (CJK 12px, other 7px) elsewhere. */
function textWidth(text: string): number {
  const ctx = measureContext();
  if (ctx) return ctx.measureText(text).width;
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 12 : 7;
  return w;
}

let measurer: CanvasRenderingContext2D | null | undefined;
function measureContext(): CanvasRenderingContext2D | null {
  if (measurer !== undefined) return measurer;
  measurer = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (measurer) measurer.font = `12px ${getComputedStyle(document.body).fontFamily || 'sans-serif'}`;
  return measurer;
}

export function buildColumns(t: Translate, lang: Language): readonly Column[] {
  const statusWidth = tagWidth(RECON_STATUSES.map((s) => RECON_LABELS[s][lang]), 20);
  const submitWidth = tagWidth(SUBMIT_STATES.map((s) => SUBMIT_LABELS[s][lang]));
  const planWidth = tagWidth(WRITE_BACK_PLANS.map((p) => PLAN_LABELS[p][lang]), -20);
  const fileWidth = tagWidth(fileVerdictLabels(lang));
  return [
    {
      key: 'reconStatus', title: t('recon.col.status'), width: statusWidth, minWidth: statusWidth, sort: 'reconStatus', pinned: true,
      render: (r) => (r.queryFailedAt === null
        ? <StatusTag status={r.reconStatus} lang={lang} />
        : <><StatusTag status={r.reconStatus} lang={lang} /><QueryFailedMark row={r} t={t} /></>),
    },
    { key: 'invoiceNo', title: t('recon.col.invoiceNo'), width: 150, minWidth: 90, sort: 'invoiceNo', cell: 'mono', pinned: true, render: (r) => r.invoiceNo },
    { key: 'submitState', title: t('recon.col.submit'), width: submitWidth, minWidth: submitWidth, sort: 'submitState', render: (r) => <SubmitStateTag state={r.submitState} lang={lang} /> },
    { key: 'plan', title: t('recon.col.plan'), width: Math.max(124, planWidth), minWidth: planWidth, render: (r) => <PlanCell plan={r.plan} reason={lang === 'zh-CN' ? r.planReason.zh : r.planReason.en} lang={lang} /> },
    { key: 'orderNo', title: t('recon.col.orderNo'), width: 150, minWidth: 90, sort: 'orderNo', cell: 'mono', render: (r) => r.orderNo },
    { key: 'amountFen', title: t('recon.col.amount'), width: 120, minWidth: 90, align: 'right', sort: 'amountFen', cell: 'num', render: (r) => money(r.amountFen) },
    {
      key: 'suningAmountFen', title: t('recon.col.suningAmount'), width: 150, minWidth: 110, align: 'right',
      cell: (r) => (r.suningAmountFen !== null && r.suningAmountFen !== r.amountFen ? `num ${MISMATCH}` : 'num'),
      render: (r) => <SuningAmount row={r} t={t} />,
    },
    {
      // Sorted by the server (migration 008's keys): invoices without a Suning amount come last both ways.
      key: 'amountDiff', title: t('recon.col.amountDiff'), width: 110, minWidth: 90, align: 'right', sort: 'amountDiff',
      cell: (r) => (amountDiffFen(r) ? `num ${MISMATCH}` : 'num'),
      render: (r) => signedMoney(amountDiffFen(r)),
    },
    // 原件 (issue 15): the archived file's verdict; the tag's title says what differs or why it is missing.
    { key: 'fileVerdict', title: t('recon.col.file'), width: fileWidth, minWidth: fileWidth, render: (r) => <FileVerdictTag verdict={r.fileVerdict} lang={lang} t={t} mismatchText={mismatchText(t, r.fileMismatches)} /> },
    { key: 'invoiceNum', title: t('recon.col.invoiceNum'), width: 190, minWidth: 90, sort: 'invoiceNum', cell: (r) => (r.invoiceNum ? 'mono' : 'vt-muted'), render: (r) => r.invoiceNum || '—' },
    {
      key: 'suningInvoiceNum', title: t('recon.col.suningNum'), width: 190, minWidth: 90,
      cell: (r) => (!r.suningInvoiceNum ? 'vt-muted' : r.invoiceNum && r.suningInvoiceNum !== r.invoiceNum ? `mono ${MISMATCH}` : 'mono'),
      render: (r) => r.suningInvoiceNum || '—',
    },
    { key: 'invoiceDate', title: t('recon.col.date'), width: 110, minWidth: 90, sort: 'invoiceDate', render: (r) => r.invoiceDate ?? '—' },
    { key: 'shop', title: t('recon.col.shop'), width: 120, minWidth: 60, ellipsis: true, sort: 'shop', render: (r) => r.shop },
    { key: 'buyerTitle', title: t('recon.col.buyer'), width: 170, minWidth: 60, ellipsis: true, sort: 'buyerTitle', render: (r) => r.buyerTitle },
    { key: 'clerkNote', title: t('exc.note'), width: 160, minWidth: 60, ellipsis: true, cell: (r) => (r.clerkNote ? '' : 'vt-muted'), render: (r) => r.clerkNote || '—' },
    { key: 'updatedAt', title: t('recon.col.updated'), width: 170, minWidth: 150, sort: 'updatedAt', cell: 'num', render: (r) => formatTime(r.updatedAt) },
  ];
}

export const SELECT_WIDTH = 48;
