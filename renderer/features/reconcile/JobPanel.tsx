// Renderer. Progress of bulk jobs (done / failed / total, rate, ETA), cancel, and the result summary with a way to the failures.
import { Button, Popconfirm, Progress, Space, Tag, Typography } from 'antd';
import { CloseOutlined, StopOutlined } from '@ant-design/icons';
import type { JobProgress } from '../../../shared/api/schemas';
import { useActiveJobs, useJob, usePlanOutcomes } from '../../api/queries';
import { useCancelJob } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { formatDuration } from '../../components/duration';
import { ErrorAlert } from '../../components/ErrorAlert';
import { jobTag } from './job-tag';

interface Props {
  readonly watchedJobId: number | null;
  readonly onDismiss: () => void;
  readonly onShowFailures: (job: JobProgress) => void;
}

function JobRow({ job, onDismiss, onShowFailures }: { readonly job: JobProgress; readonly onDismiss?: () => void; readonly onShowFailures: (j: JobProgress) => void }) {
  const { t, lang, pick } = useI18n();
  const cancel = useCancelJob();
  const processed = job.done + job.failed;
  const pct = job.total > 0 ? Math.floor((processed / job.total) * 1000) / 10 : 100;
  const okPct = job.total > 0 ? Math.floor((job.done / job.total) * 1000) / 10 : 100;
  const running = job.state === 'running' || job.state === 'paused';
  const tag = jobTag(job, t);
  const cls = running ? '' : job.failed > 0 || job.state !== 'done' ? ' final-bad' : ' final-done';
  // A finished submit lists what the write-back plan refused (never sent) and skipped, each with why.
  const outcomes = usePlanOutcomes(!running && job.kind === 'wangdian_submit' ? job.jobId : null);
  const refused = (outcomes.data ?? []).filter((o) => o.code === 'plan.refused').reduce((n, o) => n + o.count, 0);
  // "Show failures" filters the table to what Wangdiantong refused or left unknown; plan refusals are listed here.
  const platformFailed = job.failed - refused;
  return (
    <div className={`job-panel${cls}`} data-testid="job-panel" data-job-id={job.jobId} data-job-state={job.state} data-job-kind={job.kind}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Space wrap>
          <Typography.Text strong>{t(`job.${job.kind}`)}</Typography.Text>
          <Tag color={tag.color} data-testid="job-tag">{tag.text}</Tag>
          <Typography.Text data-testid="job-counts" data-done={job.done} data-failed={job.failed} data-total={job.total}>
            {t('job.progress', { done: job.done.toLocaleString(), failed: job.failed.toLocaleString(), total: job.total.toLocaleString() })}
          </Typography.Text>
          {running && job.ratePerSec > 0 && <Typography.Text type="secondary">{t('job.rate', { rate: job.ratePerSec })}</Typography.Text>}
          {running && job.etaSec !== null && <Typography.Text type="secondary">{t('job.eta', { eta: formatDuration(job.etaSec, lang) })}</Typography.Text>}
        </Space>
        <Space>
          {!running && platformFailed > 0 && (
            <Button size="small" type="link" danger onClick={() => onShowFailures(job)} data-testid="job-show-failures">
              {t('job.showFailures', { n: platformFailed })}
            </Button>
          )}
          {running && (
            <Popconfirm title={t('job.cancelConfirm')} onConfirm={() => cancel.mutate({ jobId: job.jobId })} okText={t('common.confirm')} cancelText={t('common.cancel')}>
              <Button size="small" danger icon={<StopOutlined />} loading={cancel.isPending} data-testid="job-cancel">{t('job.cancel')}</Button>
            </Popconfirm>
          )}
          {!running && onDismiss && <Button size="small" type="text" icon={<CloseOutlined />} aria-label={t('job.dismiss')} onClick={onDismiss} />}
        </Space>
      </Space>
      <Progress
        percent={pct}
        success={{ percent: okPct }}
        strokeColor={job.failed > 0 ? '#ff4d4f' : undefined}
        status={running ? 'active' : 'normal'}
        size="small"
        aria-label={t(`job.${job.kind}`)}
      />
      {job.lastError && (
        <Typography.Text type={running ? 'secondary' : 'danger'} style={{ fontSize: 12 }}>
          {t('job.lastError')}: {pick(job.lastError.message, job.lastError.messageEn)} <span className="code-detail">{t('common.errorCodeDetail', { code: job.lastError.code })}</span>
        </Typography.Text>
      )}
      {(outcomes.data ?? []).length > 0 && (
        <ul className="job-plan-outcomes" data-testid="job-plan-outcomes">
          {(outcomes.data ?? []).map((o) => (
            <li key={`${o.code}|${o.reason.zh}`} data-code={o.code} data-count={o.count}>
              <Typography.Text type={o.code === 'plan.refused' ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                {t(o.code === 'plan.refused' ? 'job.planRefused' : 'job.planSkipped', { n: o.count.toLocaleString() })} {pick(o.reason.zh, o.reason.en)}
              </Typography.Text>
            </li>
          ))}
        </ul>
      )}
      {cancel.error && <ErrorAlert error={cancel.error} compact />}
    </div>
  );
}

export function JobPanel({ watchedJobId, onDismiss, onShowFailures }: Props) {
  const active = useActiveJobs();
  const watched = useJob(watchedJobId);
  const jobs = (active.data ?? []).filter((j) => (j.state === 'running' || j.state === 'paused') && j.jobId !== watchedJobId);
  if (!watched.data && jobs.length === 0) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={6}>
      {watched.data && <JobRow job={watched.data} onDismiss={onDismiss} onShowFailures={onShowFailures} />}
      {jobs.map((j) => <JobRow key={j.jobId} job={j} onShowFailures={onShowFailures} />)}
    </Space>
  );
}
