// Renderer. The toolbar's 原件核对 filter: any of the four verdicts, applied by the server (invoices:list
// fileVerdict) over the whole store like the other filters.
import { Select } from 'antd';
import { FILE_VERDICTS, type FileVerdict } from '../../../../shared/domain/einvoice-file';
import type { InvoiceFilter } from '../../../../shared/api/schemas';
import { useI18n } from '../../../i18n/i18n';
import { fileVerdictLabel } from './file-verdict';

export const FILE_FILTER_WIDTH = 170;

export function FileVerdictFilter({ filter, onFilter }: {
  readonly filter: InvoiceFilter;
  readonly onFilter: (patch: Partial<InvoiceFilter>) => void;
}) {
  const { t, lang } = useI18n();
  return (
    <Select
      mode="multiple"
      allowClear
      maxTagCount="responsive"
      placeholder={t('archive.filter')}
      value={filter.fileVerdict ?? []}
      onChange={(v: FileVerdict[]) => onFilter({ fileVerdict: v.length > 0 ? v : undefined })}
      options={FILE_VERDICTS.map((v) => ({ value: v, label: fileVerdictLabel(v, lang) }))}
      style={{ width: FILE_FILTER_WIDTH }}
      aria-label={t('archive.filter')}
      data-testid="file-verdict-filter"
    />
  );
}
