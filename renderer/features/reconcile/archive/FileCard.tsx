// Renderer. The detail panel's 原件 section (issue 15): the verdict and its reason; per archived file (the blue
// and red invoices of the order) what the file itself says SIDE BY SIDE with Suning's record and the ERP's,
// the cells the core's check found different highlighted and its sentence below; the download in words
// (outcome, Beijing time, attempts; the server's own detail, fingerprint and size as secondary detail); and
// 打开原件, which asks the host to show the stored copy (the renderer never sees a path).
import { Alert, Button, Card, Empty, Space, Tag, Typography, App as AntApp } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import { FILE_OUTCOMES, type FileMismatch, type InvoiceFile } from '../../../../shared/domain/einvoice-file';
import type { SuningInvoice } from '../../../../shared/domain/invoice';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { useI18n, type Translate } from '../../../i18n/i18n';
import { formatTime } from '../../../components/time';
import { downloadExport } from '../../../components/download';
import { errorText } from '../../../components/ErrorAlert';
import { FILE_VERDICT_META, fileVerdictLabel, tagCase } from './file-verdict';
import { factRows, type FactRow } from './file-facts';
import { useOpenArchived } from './archive-api';

type Detail = ChannelOutput<'invoices:get'>;

const ALERT_TYPE = { match: 'success', mismatch: 'error', unavailable: 'warning', not_downloaded: 'info' } as const;

function sizeText(bytes: number | null, lang: string): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return lang === 'zh-CN' ? `${bytes} 字节` : `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function suningOf(file: InvoiceFile, suning: readonly SuningInvoice[]): SuningInvoice | null {
  return suning.find((s) => s.invoiceNum === file.suningInvoiceNum && s.invoiceCode === file.suningInvoiceCode && (s.invoiceType === -1) === (file.kind === 'red')) ?? null;
}

function Cell({ value, diff, testid }: { readonly value: string | null; readonly diff: boolean; readonly testid: string }) {
  return (
    <td data-testid={testid} data-diff={diff ? 'true' : undefined}>
      {value === null ? <span className="vt-muted">—</span> : <span className={diff ? 'diff-cell' : undefined}>{value}</span>}
    </td>
  );
}

function FactsTable({ rows, showErp }: { readonly rows: readonly FactRow[]; readonly showErp: boolean }) {
  const { t } = useI18n();
  return (
    <table className="file-facts" data-testid="file-facts">
      <thead>
        <tr>
          <th>{t('archive.side.field')}</th>
          <th>{t('archive.side.file')}</th>
          <th>{t('archive.side.suning')}</th>
          {showErp && <th>{t('archive.side.erp')}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const diff = r.diffSuning || r.diffErp;
          return (
            <tr key={r.key} data-fact={r.key} data-diff={diff ? 'true' : undefined}>
              <th scope="row">
                {t(r.label)}
                {r.fileSource && <div className="file-facts-source">{t('archive.readFrom', { source: t(r.fileSource === 'qr' ? 'archive.fromQr' : 'archive.fromText') })}</div>}
              </th>
              <Cell value={r.file} diff={diff} testid={`fact-file-${r.key}`} />
              <Cell value={r.suning} diff={r.diffSuning} testid={`fact-suning-${r.key}`} />
              {showErp && <Cell value={r.erp} diff={r.diffErp} testid={`fact-erp-${r.key}`} />}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function OpenButton({ file }: { readonly file: InvoiceFile }) {
  const { t, pick } = useI18n();
  const { message } = AntApp.useApp();
  const open = useOpenArchived();
  const go = () => {
    open.mutateAsync({ fileId: file.id }).then(
      (out) => {
        if (out.downloadUrl) {
          downloadExport(out.downloadUrl, out.fileName);
          message.success(t('archive.downloadStarted', { file: out.fileName }));
        } else {
          message.success(t('archive.opened', { file: out.fileName }));
        }
      },
      (e: unknown) => {
        const { code, text } = errorText(e, pick);
        if (code === 'cancelled') return;
        message.error(text);
      },
    );
  };
  return (
    <Button size="small" type="primary" ghost icon={<FilePdfOutlined />} loading={open.isPending} onClick={go} data-testid="open-file" data-file-id={file.id}>
      {t('archive.open')}
    </Button>
  );
}

function OneFile({ file, detail, mismatches }: { readonly file: InvoiceFile; readonly detail: Detail; readonly mismatches: readonly FileMismatch[] }) {
  const { t, lang, pick } = useI18n();
  const outcome = FILE_OUTCOMES[file.outcome];
  const stored = file.outcome === 'stored';
  const suning = suningOf(file, detail.suning);
  const red = file.kind === 'red';
  const rows = file.facts ? factRows(t, lang, file, suning, red ? null : detail.invoice, mismatches) : [];
  const qrProblem = file.facts?.qrProblem ?? null;
  const meaning = file.facts?.qr?.amountMeaning;
  return (
    <div className={`file-block ${red ? 'red' : 'blue'}`} data-testid="archived-file" data-file-id={file.id} data-outcome={file.outcome}>
      <Space wrap size={6} className="file-block-head">
        <Tag color={red ? 'red' : 'blue'}>{red ? t('detail.red') : t('detail.blue')}</Tag>
        <Typography.Text strong className="mono">{file.suningInvoiceCode ? `${file.suningInvoiceCode} / ${file.suningInvoiceNum}` : file.suningInvoiceNum}</Typography.Text>
        <Tag color={stored ? 'success' : 'warning'} data-testid="file-outcome">{pick(outcome.zh, tagCase(outcome.en))}</Tag>
        {stored && <OpenButton file={file} />}
      </Space>
      <dl className="kv file-kv">
        <dt>{t('archive.fetchedAt')}</dt>
        <dd data-testid="file-fetched-at">{formatTime(file.fetchedAt)} <Typography.Text type="secondary">{t('archive.attempts', { n: file.attempts })}</Typography.Text></dd>
        {file.outcomeDetail !== '' && (<><dt>{t('archive.outcome')}</dt><dd><span className="code-detail" data-testid="file-outcome-detail">{file.outcomeDetail}</span></dd></>)}
        {stored && (
          <>
            <dt>{t('archive.size')}</dt>
            <dd><Typography.Text type="secondary" className="file-secondary" data-testid="file-size" data-size={file.size}>{sizeText(file.size, lang)}{file.facts ? ` · ${t('archive.pages', { n: file.facts.pages })}` : ''}</Typography.Text></dd>
            <dt>{t('archive.fingerprint')}</dt>
            <dd><Typography.Text type="secondary" copyable className="mono file-secondary file-sha" data-testid="file-sha256">{file.sha256}</Typography.Text></dd>
          </>
        )}
      </dl>
      {file.parseProblem && <Alert type="warning" showIcon title={t('archive.parseProblem', { reason: pick(file.parseProblem.zh, file.parseProblem.en) })} />}
      {qrProblem && <Typography.Paragraph type="secondary" className="file-secondary">{t('archive.noQr', { reason: pick(qrProblem.zh, qrProblem.en) })}</Typography.Paragraph>}
      {rows.length > 0 && <FactsTable rows={rows} showErp={!red} />}
      {meaning && <Typography.Paragraph type="secondary" className="file-secondary" data-testid="file-amount-meaning" data-meaning={meaning}>{t(`archive.qrMeaning.${meaning}`)}</Typography.Paragraph>}
      {mismatches.length > 0 && (
        <ul className="file-mismatches" data-testid="file-mismatches">
          {mismatches.map((m, i) => (
            <li key={`${m.field}-${m.against}-${i}`} data-field={m.field} data-against={m.against}>
              <Typography.Text type="danger">{pick(m.message.zh, m.message.en)}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The section's one-line verdict: a difference is said once, beside its values below; a file that could not be
 * fetched in the clerk's words (the server's own detail stays the file's secondary detail); else the core's reason.
 */
function lead(check: Detail['fileCheck'], files: readonly InvoiceFile[], t: Translate, pick: (zh: string, en: string) => string): string {
  const file = files.find((f) => f.id === check.fileId);
  if (check.verdict === 'mismatch' && file) return t('archive.mismatchLead', { n: check.mismatches.length });
  if (check.verdict === 'unavailable' && file && file.outcome !== 'stored') {
    return t('archive.unavailableLead', { num: file.suningInvoiceNum, outcome: pick(FILE_OUTCOMES[file.outcome].zh, FILE_OUTCOMES[file.outcome].en) });
  }
  return pick(check.reason.zh, check.reason.en);
}

export function FileCard({ detail }: { readonly detail: Detail }) {
  const { t, lang, pick } = useI18n();
  const { fileCheck, files } = detail;
  const meta = FILE_VERDICT_META[fileCheck.verdict];
  // The file the verdict is about comes first; a split's files each get their own block.
  const ordered = [...files].sort((a, b) => Number(b.id === fileCheck.fileId) - Number(a.id === fileCheck.fileId));
  return (
    <Card
      size="small"
      title={<Space>{t('archive.card')}<span className={`vt-tag vt-tag-${meta.color}`} data-testid="file-verdict" data-file-verdict={fileCheck.verdict}>{meta.icon}<span>{fileVerdictLabel(fileCheck.verdict, lang)}</span></span></Space>}
      data-testid="detail-file"
    >
      <Alert
        type={ALERT_TYPE[fileCheck.verdict]}
        showIcon
        // A difference is said once, beside its values below; the reason repeats the sentences of every file.
        title={lead(fileCheck, files, t, pick)}
        data-testid="file-check-reason"
        style={{ marginBottom: 8 }}
      />
      {files.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(detail.suning.some((s) => s.pdfUrl !== '') ? 'archive.notFetched' : 'archive.none')} />}
      <div className="file-blocks">
        {ordered.map((f) => (
          <OneFile
            key={f.id}
            file={f}
            detail={detail}
            // The check's differences are about its file (the reason above names every file of a split).
            mismatches={f.id === fileCheck.fileId ? fileCheck.mismatches : []}
          />
        ))}
      </div>
    </Card>
  );
}
