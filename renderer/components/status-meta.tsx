// Renderer. Colour and icon per reconciliation status and submission state, used by chips, tags and row tints.
import type { ReactNode } from 'react';
import {
  CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined, MinusCircleOutlined,
  QuestionCircleOutlined, RollbackOutlined, SplitCellsOutlined, StopOutlined, SyncOutlined, EditOutlined,
  WarningOutlined, CloudUploadOutlined, HistoryOutlined, FileSearchOutlined,
} from '@ant-design/icons';
import type { ReconStatus, SubmitState } from '../../shared/domain/invoice';

export interface StatusMeta {
  /** antd Tag preset colour. */
  readonly color: string;
  readonly icon: ReactNode;
}

export const RECON_META: Readonly<Record<ReconStatus, StatusMeta>> = {
  not_queried: { color: 'default', icon: <FileSearchOutlined /> },
  not_issued: { color: 'gold', icon: <ClockCircleOutlined /> },
  matched: { color: 'success', icon: <CheckCircleOutlined /> },
  fillable: { color: 'processing', icon: <EditOutlined /> },
  amount_mismatch: { color: 'error', icon: <ExclamationCircleOutlined /> },
  number_mismatch: { color: 'volcano', icon: <WarningOutlined /> },
  reversed: { color: 'purple', icon: <RollbackOutlined /> },
  partially_reversed: { color: 'orange', icon: <RollbackOutlined /> },
  split: { color: 'cyan', icon: <SplitCellsOutlined /> },
  red_without_blue: { color: 'magenta', icon: <StopOutlined /> },
  query_failed: { color: 'red', icon: <CloseCircleOutlined /> },
};

export const SUBMIT_META: Readonly<Record<SubmitState, StatusMeta>> = {
  not_submitted: { color: 'default', icon: <MinusCircleOutlined /> },
  queued: { color: 'blue', icon: <ClockCircleOutlined /> },
  sending: { color: 'processing', icon: <SyncOutlined spin /> },
  accepted: { color: 'success', icon: <CloudUploadOutlined /> },
  rejected: { color: 'error', icon: <CloseCircleOutlined /> },
  unknown: { color: 'warning', icon: <QuestionCircleOutlined /> },
  outdated: { color: 'orange', icon: <HistoryOutlined /> },
};

/** An outbox row a newer submission of the same invoice replaced (never sent again). */
export const SUPERSEDED_META: StatusMeta = { color: 'default', icon: <HistoryOutlined /> };
