// Renderer. The side-by-side panel: local record | Suning invoices | submissions, the explanation, and the submit form.
import { useEffect } from 'react';
import { Alert, Button, Drawer, Skeleton, Space, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { UndoApplyButton } from './UndoApplyButton';
import { useInvoiceDetail } from '../../../api/queries';
import { useI18n } from '../../../i18n/i18n';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ReconTag, SubmitTag } from '../../../components/StatusTag';
import { PLAN_LABELS } from '../../../i18n/labels';
import { useShortcut } from '../../../app/shortcuts';
import { LocalCard } from './LocalCard';
import { SuningCard } from './SuningCard';
import { SubmissionsCard } from './SubmissionsCard';
import { SubmitForm } from './SubmitForm';
import { ExceptionCard } from './ExceptionCard';
import { FileCard } from '../archive/FileCard';
import { formatTime } from '../../../components/time';
import { amountDiffFen, money, queryFailedText, signedMoney } from '../columns';

interface Props {
  readonly id: number | null;
  readonly onClose: () => void;
  readonly onStep: (delta: -1 | 1) => void;
  readonly onSubmitted: (jobId: number) => void;
}

export function DetailDrawer({ id, onClose, onStep, onSubmitted }: Props) {
  const { t, pick, lang } = useI18n();
  const detail = useInvoiceDetail(id);
  const open = id !== null;
  useShortcut({ key: 'ArrowUp', alt: true }, () => onStep(-1), open);
  useShortcut({ key: 'ArrowDown', alt: true }, () => onStep(1), open);
  // Esc closes the panel wherever focus is (a tooltip or a re-rendered button may have taken it), except
  // when an open dropdown or a dialog above the panel should take that Esc first.
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const t = e.target instanceof HTMLElement ? e.target : null;
      if (t?.closest('[aria-expanded="true"]') || document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [open, onClose]);
  const d = detail.data;
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={Math.min(1320, Math.round(window.innerWidth * 0.96))}
      destroyOnHidden
      title={
        <Space wrap>
          <span>{t('detail.title', { invoiceNo: d?.invoice.invoiceNo ?? '' })}</span>
          {d && <ReconTag status={d.invoice.reconStatus} />}
          {d && <SubmitTag state={d.invoice.submitState} />}
        </Space>
      }
      extra={
        <Space>
          {d?.undoableApply && <UndoApplyButton invoiceId={d.invoice.id} undoable={d.undoableApply} />}
          <Tooltip title={t('detail.prev')}><Button icon={<ArrowUpOutlined />} aria-label={t('detail.prev')} onClick={() => onStep(-1)} /></Tooltip>
          <Tooltip title={t('detail.next')}><Button icon={<ArrowDownOutlined />} aria-label={t('detail.next')} onClick={() => onStep(1)} /></Tooltip>
        </Space>
      }
      data-testid="detail-drawer"
    >
      {detail.isPending && open && <Skeleton active paragraph={{ rows: 10 }} />}
      {detail.error && <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />}
      {d && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Alert
            type={d.invoice.reconStatus === 'matched' ? 'success' : d.diffs.length > 0 || d.invoice.reconStatus === 'query_failed' ? 'warning' : 'info'}
            showIcon
            title={pick(d.explanation.zh, d.explanation.en)}
            description={<>
              {d.diffs.length > 0 && <div>{`${t('detail.diffs')}: ${d.diffs.map((x) => t(`field.${x.field}`)).join(t('common.listSep'))}`}</div>}
              {amountDiffFen(d.invoice) ? (
                <div data-testid="detail-amount-diff" data-diff-fen={amountDiffFen(d.invoice)}>
                  {t('detail.amountDiff', { diff: signedMoney(amountDiffFen(d.invoice)), local: money(d.invoice.amountFen), suning: money(d.invoice.suningAmountFen) })}
                </div>
              ) : null}
            </>}
            data-testid="detail-explanation"
          />
          <Alert
            type={d.invoice.plan === 'submit' || d.invoice.plan === 'nothing' ? 'success' : d.invoice.plan === 'needs_clerk' || d.invoice.plan === 'never_80' ? 'error' : 'info'}
            showIcon
            title={t('detail.plan', { plan: PLAN_LABELS[d.invoice.plan][lang] })}
            description={pick(d.invoice.planReason.zh, d.invoice.planReason.en)}
            data-testid="detail-plan"
            data-plan={d.invoice.plan}
          />
          {d.invoice.queryFailedAt !== null && (
            <Alert
              type="error"
              showIcon
              title={queryFailedText(t, d.invoice)}
              description={d.invoice.reconStatus === 'query_failed' || !d.invoice.queriedAt ? undefined : t('detail.queryFailedKept', { at: formatTime(d.invoice.queriedAt) })}
              data-testid="detail-query-failed"
            />
          )}
          <div className="detail-cols">
            <LocalCard invoice={d.invoice} diffs={d.diffs} />
            <SuningCard detail={d} />
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <ExceptionCard detail={d} />
              <SubmitForm invoice={d.invoice} canApplySuning={d.validBlue !== null} onSubmitted={onSubmitted} />
              <SubmissionsCard submissions={d.submissions} />
            </Space>
          </div>
          <FileCard detail={d} />
        </Space>
      )}
    </Drawer>
  );
}
