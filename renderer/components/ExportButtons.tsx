// Renderer. CSV / XLSX export buttons: the main process builds and writes the file; the renderer only hears
// its name, size and row count (and, in the browser host, where to download it from).
import { Button, Space, App as AntApp } from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import type { ChannelOutput } from '../../shared/api/contract';
import { useI18n } from '../i18n/i18n';
import { downloadExport } from './download';
import { errorText } from './ErrorAlert';

interface Props {
  readonly run: (format: 'csv' | 'xlsx') => Promise<ChannelOutput<'export:invoices'>>;
  readonly pending: boolean;
}

export function ExportButtons({ run, pending }: Props) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const go = (format: 'csv' | 'xlsx') => {
    run(format).then(
      (out) => {
        if (out.downloadUrl) downloadExport(out.downloadUrl, out.fileName);
        message.success(t('common.exported', { rows: out.rows, file: out.fileName }));
      },
      (e: unknown) => {
        const { code, text } = errorText(e, pick);
        // The clerk closed the save dialog: nothing to report.
        if (code === 'cancelled') return;
        message.error(`${text} (${code})`);
      },
    );
  };
  return (
    <Space.Compact>
      <Button icon={<FileTextOutlined />} onClick={() => go('csv')} loading={pending} data-testid="export-csv">{t('common.exportCsv')}</Button>
      <Button icon={<FileExcelOutlined />} onClick={() => go('xlsx')} disabled={pending} data-testid="export-xlsx">{t('common.exportXlsx')}</Button>
    </Space.Compact>
  );
}
