// Renderer. The action bar's archive buttons: 下载原件并核对 over the selection (or, with nothing selected, the
// current filter) after a confirm that says how many invoices that is — the job's progress, rate, ETA and
// cancel are the JobPanel's — and 导出原件 ZIP of the current filter, written by the main process.
import { useState } from 'react';
import { Button, Modal, Spin, Tooltip, Typography, App as AntApp } from 'antd';
import { CloudDownloadOutlined, FileZipOutlined } from '@ant-design/icons';
import type { InvoiceFilter, InvoiceSort, Selection } from '../../../../shared/api/schemas';
import { useSelectionCount } from '../../../api/queries';
import { useI18n } from '../../../i18n/i18n';
import { ErrorAlert, errorText } from '../../../components/ErrorAlert';
import { downloadExport } from '../../../components/download';
import { useExportArchive, useStartArchive } from './archive-api';

interface Props {
  readonly filter: InvoiceFilter;
  readonly sort: InvoiceSort;
  /** The clerk's selection; null when nothing is selected (the action then covers the current filter). */
  readonly selection: Selection | null;
  readonly onStarted: (jobId: number) => void;
}

function ArchiveConfirm({ scope, fromSelection, onClose, onStarted }: {
  readonly scope: Selection;
  readonly fromSelection: boolean;
  readonly onClose: () => void;
  readonly onStarted: (jobId: number) => void;
}) {
  const { t } = useI18n();
  const count = useSelectionCount({ selection: scope });
  const start = useStartArchive();
  const n = count.data?.count;
  const okProps = { disabled: !n, loading: start.isPending, autoFocus: true, 'data-testid': 'archive-confirm-ok' };
  return (
    <Modal
      open
      title={t('archive.confirmTitle')}
      onCancel={onClose}
      onOk={() => start.mutate({ selection: scope }, { onSuccess: (out) => { onStarted(out.jobId); onClose(); } })}
      okText={t('archive.run')}
      okButtonProps={okProps}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {count.isPending && <Spin><div style={{ height: 48 }} /></Spin>}
      {count.error && <ErrorAlert error={count.error} compact />}
      {n !== undefined && (
        <Typography.Paragraph style={{ fontSize: 15 }} data-testid="archive-confirm-count" data-count={n}>
          {t('archive.confirm', { n: n.toLocaleString() })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph type="secondary">{t(fromSelection ? 'archive.scopeSelection' : 'archive.scopeFilter')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('archive.confirmNote')}</Typography.Paragraph>
      {start.error && <ErrorAlert error={start.error} compact />}
    </Modal>
  );
}

/** 下载原件并核对 over the selection, or the current filter when nothing is selected. */
export function ArchiveRunButton({ filter, selection, onStarted }: Omit<Props, 'sort'>) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const scope: Selection = selection ?? { kind: 'filter', filter };
  return (
    <>
      <Tooltip title={t('archive.runHint')}>
        <Button icon={<CloudDownloadOutlined />} onClick={() => setOpen(true)} data-testid="archive-run">{t('archive.run')}</Button>
      </Tooltip>
      {open && <ArchiveConfirm scope={scope} fromSelection={selection?.kind === 'ids'} onClose={() => setOpen(false)} onStarted={onStarted} />}
    </>
  );
}

/** 导出原件 ZIP of the current filter (named by the settings' template), beside the CSV / XLSX exports. */
export function ArchiveZipButton({ filter, sort }: Pick<Props, 'filter' | 'sort'>) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const zip = useExportArchive();
  const exportZip = () => {
    zip.mutateAsync({ filter, sort }).then(
      (out) => {
        if (out.downloadUrl) downloadExport(out.downloadUrl, out.fileName);
        message.success(t('common.exported', { rows: out.rows, file: out.fileName }));
      },
      (e: unknown) => {
        const { code, text } = errorText(e, pick);
        // The clerk closed the save dialog: nothing to report.
        if (code === 'cancelled') return;
        message.error(text);
      },
    );
  };
  return (
    <Tooltip title={t('archive.exportZipHint')}>
      <Button icon={<FileZipOutlined />} onClick={exportZip} loading={zip.isPending} data-testid="export-archive">{t('archive.exportZip')}</Button>
    </Tooltip>
  );
}
