// Renderer. 自动处理 over the current filter, in one dialog: the plan (counts and amounts per phase, what will be
// left for the clerk — auto:plan), then one progress panel across the phases (done / failed / total, rate,
// ETA, cancel), then the summary, whose groups each open the table filtered to them in one click. The run itself
// is in the main process (electron/services/auto/): closing the dialog does not stop it.
import { useEffect, useState } from 'react';
import { Alert, Button, Modal, Popconfirm, Progress, Space, Spin, Tag, Typography } from 'antd';
import type { InvoiceFilter } from '../../../shared/api/schemas';
import type { AutoLeftGroup, AutoPhaseProgress, AutoRun } from '../../../shared/domain/auto';
import type { AutoPlan } from '../../../shared/domain/plan';
import { formatFenGrouped } from '../../../shared/domain/money';
import { useQuery } from '@tanstack/react-query';
import { invoke } from '../../api/client';
import { useAutoPlan, useAutoRun } from '../../api/queries';
import { useCancelAuto, useStartAuto } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDuration } from '../../components/duration';
import { useI18n } from '../../i18n/i18n';
import { RECON_LABELS } from '../../i18n/labels';

interface Props {
  readonly open: boolean;
  readonly filter: InvoiceFilter;
  readonly onClose: () => void;
  /** One click from a summary group to the table filtered to it. */
  readonly onShowGroup: (filter: InvoiceFilter) => void;
}

function CountAmount({ c, testId }: { readonly c: { count: number; amountFen: number }; readonly testId: string }) {
  const { t } = useI18n();
  return <span data-testid={testId} data-count={c.count} data-amount-fen={c.amountFen}>{t('auto.countAmount', { n: c.count.toLocaleString(), amount: formatFenGrouped(c.amountFen) })}</span>;
}

function PlanView({ plan }: { readonly plan: AutoPlan }) {
  const { t, lang, pick } = useI18n();
  const left = plan.leftForClerk.reduce((n, g) => n + g.count, 0);
  return (
    <div data-testid="auto-plan" data-total={plan.total}>
      <Typography.Paragraph>{t('auto.planIntro', { n: plan.total.toLocaleString() })}</Typography.Paragraph>
      <table className="auto-plan-table">
        <tbody>
          <tr><td>{t('auto.phase.query')}</td><td><CountAmount c={plan.query} testId="auto-plan-query" /></td></tr>
          <tr><td>{t('auto.phase.fill')}</td><td><CountAmount c={plan.fill} testId="auto-plan-fill" /></td></tr>
          <tr><td>{t('auto.phase.submit')}</td><td><CountAmount c={plan.submit} testId="auto-plan-submit" /></td></tr>
          <tr><td>{t('auto.phase.nothing')}</td><td><CountAmount c={plan.nothing} testId="auto-plan-nothing" /></td></tr>
        </tbody>
      </table>
      {plan.query.count > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('auto.requeryNote')}</Typography.Text>}
      <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 4 }} data-testid="auto-plan-left" data-count={left}>
        {left > 0 ? t('auto.leftTitle', { n: left.toLocaleString() }) : t('auto.leftNone')}
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20, margin: 0, maxHeight: 180, overflowY: 'auto' }}>
        {plan.leftForClerk.map((g) => (
          <li key={`${g.plan}-${g.reconStatus}`} data-status={g.reconStatus} data-count={g.count}>
            {t('auto.leftGroup', { status: RECON_LABELS[g.reconStatus][lang], n: g.count.toLocaleString() })}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}> — {pick(g.reason.zh, g.reason.en)}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PhaseRow({ p }: { readonly p: AutoPhaseProgress }) {
  const { t } = useI18n();
  const processed = p.done + p.failed;
  const pct = p.total > 0 ? Math.floor((processed / p.total) * 1000) / 10 : p.state === 'pending' ? 0 : 100;
  const okPct = p.total > 0 ? Math.floor((p.done / p.total) * 1000) / 10 : pct;
  return (
    <div data-testid="auto-phase" data-phase={p.phase} data-state={p.state} data-done={p.done} data-failed={p.failed} data-total={p.total}>
      <Space wrap>
        <Typography.Text strong>{t(`auto.phaseName.${p.phase}`)}</Typography.Text>
        <Tag color={p.state === 'running' ? 'processing' : p.state === 'done' ? (p.failed > 0 ? 'warning' : 'success') : p.state === 'failed' ? 'error' : 'default'}>{t(`auto.state.${p.state}`)}</Tag>
        {p.state !== 'pending' && p.state !== 'skipped' && (
          <Typography.Text>{t('job.progress', { done: p.done.toLocaleString(), failed: p.failed.toLocaleString(), total: p.total.toLocaleString() })}</Typography.Text>
        )}
      </Space>
      <Progress percent={pct} success={{ percent: okPct }} size="small" status={p.state === 'running' ? 'active' : 'normal'} strokeColor={p.failed > 0 ? '#ff4d4f' : undefined} />
    </div>
  );
}

function ProgressView({ run }: { readonly run: AutoRun }) {
  const { t, lang, pick } = useI18n();
  const cancel = useCancelAuto();
  const live = run.state === 'running' || run.state === 'paused';
  return (
    <div data-testid="auto-progress" data-state={run.state} data-phase={run.phase}>
      <Space orientation="vertical" style={{ width: '100%' }} size={8}>
        {run.phases.map((p) => <PhaseRow key={p.phase} p={p} />)}
        <Space wrap>
          {live && run.ratePerSec > 0 && <Typography.Text type="secondary">{t('job.rate', { rate: run.ratePerSec })}</Typography.Text>}
          {live && run.etaSec !== null && <Typography.Text type="secondary">{t('job.eta', { eta: formatDuration(run.etaSec, lang) })}</Typography.Text>}
        </Space>
        {run.lastError && <Typography.Text type="danger">{t('job.lastError')}: {pick(run.lastError.message, run.lastError.messageEn)} ({run.lastError.code})</Typography.Text>}
        {live && (
          <Popconfirm title={t('auto.cancelConfirm')} onConfirm={() => cancel.mutate({ runId: run.runId })} okText={t('common.confirm')} cancelText={t('common.cancel')}>
            <Button danger loading={cancel.isPending} data-testid="auto-cancel">{t('auto.cancel')}</Button>
          </Popconfirm>
        )}
        {cancel.error && <ErrorAlert error={cancel.error} compact />}
      </Space>
    </div>
  );
}

function SummaryView({ run, onShowGroup }: { readonly run: AutoRun; readonly onShowGroup: (g: AutoLeftGroup) => void }) {
  const { t, lang, pick } = useI18n();
  const s = run.summary;
  if (!s) return null;
  const left = s.leftForClerk.reduce((n, g) => n + g.count, 0);
  return (
    <div data-testid="auto-summary" data-state={run.state} data-failures={s.automaticFailures} data-left={left}>
      <Typography.Paragraph>
        {t('auto.summaryLine', {
          queried: s.queried.ok.toLocaleString(), queryFailed: s.queried.failed.toLocaleString(), filled: s.filled.toLocaleString(),
          submitted: s.submitted.ok.toLocaleString(), submitFailed: s.submitted.failed.toLocaleString(),
        })}
      </Typography.Paragraph>
      {s.automaticFailures > 0
        ? <Alert type="warning" showIcon title={t('auto.failures', { n: s.automaticFailures.toLocaleString() })} />
        : run.state === 'done' && <Alert type="success" showIcon title={t('auto.allOk')} />}
      <Typography.Paragraph strong style={{ marginTop: 12, marginBottom: 4 }}>
        {left > 0 ? t('auto.leftTitle', { n: left.toLocaleString() }) : t('auto.leftNone')}
      </Typography.Paragraph>
      <ul style={{ paddingInlineStart: 0, listStyle: 'none', margin: 0, maxHeight: 260, overflowY: 'auto' }}>
        {s.leftForClerk.map((g) => (
          <li key={`${g.plan}-${g.reconStatus}-${g.queryFailed ? 1 : 0}`} style={{ marginBottom: 4 }}>
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => onShowGroup(g)}
              data-testid="auto-group" data-status={g.reconStatus} data-plan={g.plan} data-count={g.count} data-query-failed={g.queryFailed}>
              {t('auto.leftGroup', { status: RECON_LABELS[g.reconStatus][lang], n: g.count.toLocaleString() })}{g.queryFailed ? t('auto.queryFailedGroup') : ''}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}> — {pick(g.reason.zh, g.reason.en)}</Typography.Text>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function AutoDialog({ open, filter, onClose, onShowGroup }: Props) {
  const { t } = useI18n();
  const [runId, setRunId] = useState<number | null>(null);
  // A run still going (started earlier, or resumed after a restart) is shown instead of a new plan.
  const latest = useQuery({ queryKey: ['auto:get', {}], queryFn: () => invoke('auto:get', {}), enabled: open && runId === null });
  useEffect(() => {
    const l = latest.data;
    if (runId === null && l && (l.state === 'running' || l.state === 'paused')) setRunId(l.runId);
  }, [latest.data, runId]);
  const plan = useAutoPlan(open && runId === null ? { selection: { kind: 'filter', filter } } : null);
  const run = useAutoRun(runId);
  const start = useStartAuto();
  const r = run.data ?? null;
  const live = r !== null && (r.state === 'running' || r.state === 'paused');
  const step: 'plan' | 'progress' | 'summary' = r === null ? 'plan' : live ? 'progress' : 'summary';
  const nothingToDo = plan.data === undefined || plan.data.total === 0;

  const close = () => {
    start.reset();
    // A finished run is done with; a running one is found again (auto:get) when the dialog reopens.
    if (!live) setRunId(null);
    onClose();
  };
  const onStart = () => {
    if (nothingToDo) return;
    start.mutate({ selection: { kind: 'filter', filter } }, { onSuccess: (out) => setRunId(out.runId) });
  };
  const footer = step === 'plan'
    ? [
      <Button key="cancel" onClick={close}>{t('common.cancel')}</Button>,
      <Button key="start" type="primary" disabled={nothingToDo} loading={start.isPending} onClick={onStart} data-testid="auto-start" autoFocus>{t('auto.start')}</Button>,
    ]
    : [<Button key="close" onClick={close} data-testid="auto-close">{t('common.close')}</Button>];
  return (
    <Modal
      open={open}
      title={t(step === 'plan' ? 'auto.planTitle' : step === 'progress' ? 'auto.progressTitle' : 'auto.summaryTitle')}
      onCancel={close}
      footer={footer}
      width={640}
      destroyOnHidden
    >
      <div data-testid="auto-dialog" data-step={step}>
        {step === 'plan' && plan.isPending && <Spin tip={t('recon.confirmCounting')}><div style={{ height: 48 }} /></Spin>}
        {step === 'plan' && plan.error && <ErrorAlert error={plan.error} compact />}
        {step === 'plan' && plan.data && (plan.data.total === 0 ? <Alert type="info" showIcon title={t('auto.empty')} /> : <PlanView plan={plan.data} />)}
        {r !== null && <ProgressView run={r} />}
        {step === 'summary' && r !== null && (
          <SummaryView run={r} onShowGroup={(g) => { setRunId(null); onShowGroup(g.filter); }} />
        )}
        {start.error && <ErrorAlert error={start.error} compact />}
        {run.error && <ErrorAlert error={run.error} compact />}
      </div>
    </Modal>
  );
}
