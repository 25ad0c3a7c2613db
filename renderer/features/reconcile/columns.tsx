// Renderer. Columns of the reconcile table; sortable ones map 1:1 to the server's sort fields. Cells are plain
// elements (no antd component, no tooltip per cell): the virtual table mounts about twenty new rows per frame
// while the clerk scrolls, so each cell must cost next to nothing.
import type { ReactNode } from 'react';
import { WarningOutlined } from '@ant-design/icons';
import type { ReconStatus, SubmitState } from '../../../shared/domain/invoice';
import type { PlannedInvoiceRow as InvoiceRow, WriteBackPlan } from '../../../shared/domain/plan';
import type { InvoiceSort } from '../../../shared/api/schemas';
import { formatFenGrouped } from '../../../shared/domain/money';
import { RECON_META, SUBMIT_META } from '../../components/status-meta';
import type { Language, Translate } from '../../i18n/i18n';
import { PLAN_LABELS, RECON_HINTS, RECON_LABELS, SUBMIT_LABELS } from '../../i18n/labels';
import { formatTime } from '../../components/time';

export type SortField = InvoiceSort['field'];

export interface Column {
  readonly key: string;
  readonly title: string;
  readonly width: number;
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

export function buildColumns(t: Translate, lang: Language): readonly Column[] {
  return [
    {
      key: 'reconStatus', title: t('recon.col.status'), width: 128, sort: 'reconStatus',
      render: (r) => (r.queryFailedAt === null
        ? <StatusTag status={r.reconStatus} lang={lang} />
        : <><StatusTag status={r.reconStatus} lang={lang} /><QueryFailedMark row={r} t={t} /></>),
    },
    { key: 'submitState', title: t('recon.col.submit'), width: 120, sort: 'submitState', render: (r) => <SubmitStateTag state={r.submitState} lang={lang} /> },
    { key: 'plan', title: t('recon.col.plan'), width: 124, render: (r) => <PlanCell plan={r.plan} reason={lang === 'zh-CN' ? r.planReason.zh : r.planReason.en} lang={lang} /> },
    { key: 'invoiceNo', title: t('recon.col.invoiceNo'), width: 150, sort: 'invoiceNo', cell: 'mono', render: (r) => r.invoiceNo },
    { key: 'orderNo', title: t('recon.col.orderNo'), width: 150, sort: 'orderNo', cell: 'mono', render: (r) => r.orderNo },
    { key: 'amountFen', title: t('recon.col.amount'), width: 120, align: 'right', sort: 'amountFen', cell: 'num', render: (r) => money(r.amountFen) },
    {
      key: 'suningAmountFen', title: t('recon.col.suningAmount'), width: 120, align: 'right',
      cell: (r) => (r.suningAmountFen !== null && r.suningAmountFen !== r.amountFen ? `num ${MISMATCH}` : 'num'),
      render: (r) => money(r.suningAmountFen),
    },
    {
      key: 'amountDiff', title: t('recon.col.amountDiff'), width: 110, align: 'right',
      cell: (r) => (amountDiffFen(r) ? `num ${MISMATCH}` : 'num'),
      render: (r) => signedMoney(amountDiffFen(r)),
    },
    { key: 'invoiceNum', title: t('recon.col.invoiceNum'), width: 190, sort: 'invoiceNum', cell: (r) => (r.invoiceNum ? 'mono' : 'vt-muted'), render: (r) => r.invoiceNum || '—' },
    {
      key: 'suningInvoiceNum', title: t('recon.col.suningNum'), width: 190,
      cell: (r) => (!r.suningInvoiceNum ? 'vt-muted' : r.invoiceNum && r.suningInvoiceNum !== r.invoiceNum ? `mono ${MISMATCH}` : 'mono'),
      render: (r) => r.suningInvoiceNum || '—',
    },
    { key: 'invoiceDate', title: t('recon.col.date'), width: 110, sort: 'invoiceDate', render: (r) => r.invoiceDate ?? '—' },
    { key: 'shop', title: t('recon.col.shop'), width: 120, ellipsis: true, sort: 'shop', render: (r) => r.shop },
    { key: 'buyerTitle', title: t('recon.col.buyer'), width: 170, ellipsis: true, sort: 'buyerTitle', render: (r) => r.buyerTitle },
    { key: 'clerkNote', title: t('exc.note'), width: 160, ellipsis: true, cell: (r) => (r.clerkNote ? '' : 'vt-muted'), render: (r) => r.clerkNote || '—' },
    { key: 'updatedAt', title: t('recon.col.updated'), width: 150, sort: 'updatedAt', cell: 'num', render: (r) => formatTime(r.updatedAt) },
  ];
}

export const SELECT_WIDTH = 48;
export const TABLE_WIDTH = 160 + 110 + 128 + 124 + 150 + 150 + 120 + 170 + 120 + 120 + 110 + 190 + 190 + 120 + 150 + SELECT_WIDTH;
