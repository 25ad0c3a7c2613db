// Renderer. Tags for a reconciliation status or a submission state: colour, icon and label together, never colour alone.
import { Tag, Tooltip } from 'antd';
import type { OutboxState, ReconStatus, SubmitState } from '../../shared/domain/invoice';
import { useI18n } from '../i18n/i18n';
import { OUTBOX_LABELS, RECON_HINTS, RECON_LABELS, SUBMIT_LABELS } from '../i18n/labels';
import { RECON_META, SUBMIT_META, SUPERSEDED_META } from './status-meta';

export function ReconTag({ status }: { readonly status: ReconStatus }) {
  const { lang } = useI18n();
  const meta = RECON_META[status];
  return (
    <Tooltip title={RECON_HINTS[status][lang]} mouseEnterDelay={0.6}>
      <Tag color={meta.color} icon={meta.icon} data-status={status}>{RECON_LABELS[status][lang]}</Tag>
    </Tooltip>
  );
}

export function SubmitTag({ state }: { readonly state: SubmitState }) {
  const { lang } = useI18n();
  const meta = SUBMIT_META[state];
  return <Tag color={meta.color} icon={meta.icon} data-submit={state}>{SUBMIT_LABELS[state][lang]}</Tag>;
}

export function OutboxTag({ state }: { readonly state: OutboxState }) {
  const { lang } = useI18n();
  const meta = state === 'superseded' ? SUPERSEDED_META : SUBMIT_META[state];
  return <Tag color={meta.color} icon={meta.icon} data-outbox={state}>{OUTBOX_LABELS[state][lang]}</Tag>;
}
