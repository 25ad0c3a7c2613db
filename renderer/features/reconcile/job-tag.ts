// Renderer. The tag of a job: a finished job with failures says so ("完成，48 项失败", red when nothing succeeded),
// never an amber "已完成" beside "失败 48/48".
import type { JobProgress } from '../../../shared/api/schemas';
import type { Translate } from '../../i18n/i18n';

export interface JobTag {
  readonly color: 'processing' | 'success' | 'warning' | 'error' | 'default';
  readonly text: string;
}

export function jobTag(job: Pick<JobProgress, 'state' | 'done' | 'failed'>, t: Translate): JobTag {
  const n = job.failed.toLocaleString();
  switch (job.state) {
    case 'running':
    case 'paused':
      return { color: 'processing', text: t(`job.${job.state}`) };
    case 'done':
      if (job.failed === 0) return { color: 'success', text: t('job.done') };
      return { color: job.done === 0 ? 'error' : 'warning', text: t('job.doneWithFailures', { n }) };
    case 'cancelled':
      return { color: 'default', text: job.failed > 0 ? t('job.cancelledWithFailures', { n }) : t('job.cancelled') };
    case 'failed':
      return { color: 'error', text: t('job.failed') };
  }
}
