// Renderer. 导入: choose a CSV/XLSX → preview (encoding, mapping, first rows) → import → report.
import { useEffect, useRef, useState } from 'react';
import { Alert, Spin, Steps, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { ChannelOutput } from '../../../shared/api/contract';
import { useImportCommit, useImportPreview } from '../../api/mutations';
import { useI18n } from '../../i18n/i18n';
import { ErrorAlert } from '../../components/ErrorAlert';
import { navigate } from '../../app/routes';
import { PreviewStep, type EncodingChoice, type Mapping } from './PreviewStep';
import type { ConflictChoice } from './ConflictsCard';
import { ReportStep } from './ReportStep';
import { MAX_IMPORT_BYTES, readChosenFile, type ChosenFile } from './read-file';

const REPREVIEW_MS = 350;

export function ImportPage() {
  const { t } = useI18n();
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [encoding, setEncoding] = useState<EncodingChoice>('auto');
  const [mapping, setMapping] = useState<Mapping>({});
  // Re-import conflicts: keep the app's values unless the clerk chooses otherwise after seeing them.
  const [conflictChoice, setConflictChoice] = useState<ConflictChoice>('keep');
  const [preview, setPreview] = useState<ChannelOutput<'import:preview'> | null>(null);
  const [report, setReport] = useState<ChannelOutput<'import:commit'> | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [reading, setReading] = useState(false);
  const previewer = useImportPreview();
  const committer = useImportCommit();
  const mappingEdited = useRef(false);

  const runPreview = (f: ChosenFile, enc: EncodingChoice, map: Mapping | undefined) => {
    previewer.mutate({ fileName: f.fileName, contentBase64: f.contentBase64, encoding: enc, mapping: map }, {
      onSuccess: (p) => {
        setPreview(p);
        if (!mappingEdited.current) setMapping(p.mapping);
      },
    });
  };

  // Re-preview after mapping edits so "missing required" and the sample reflect the clerk's mapping.
  useEffect(() => {
    if (!file || !mappingEdited.current) return undefined;
    const id = setTimeout(() => runPreview(file, encoding, mapping), REPREVIEW_MS);
    return () => clearTimeout(id);
  }, [mapping]); // runPreview/file/encoding are read at fire time on purpose

  const choose = async (f: File) => {
    setReadError(null);
    if (f.size > MAX_IMPORT_BYTES) {
      setReadError(t('import.tooLarge'));
      return;
    }
    setReading(true);
    try {
      const chosen = await readChosenFile(f);
      mappingEdited.current = false;
      setFile(chosen);
      setEncoding('auto');
      setPreview(null);
      setReport(null);
      setConflictChoice('keep');
      committer.reset();
      runPreview(chosen, 'auto', undefined);
    } catch (e) {
      setReadError(e instanceof Error ? e.message : String(e));
    } finally {
      setReading(false);
    }
  };

  const restart = () => {
    setFile(null);
    setPreview(null);
    setReport(null);
    setMapping({});
    setConflictChoice('keep');
    mappingEdited.current = false;
    previewer.reset();
    committer.reset();
  };

  const commit = () => {
    if (!file) return;
    // The token names exactly the conflicts this preview showed; the core refuses the commit if they changed.
    const token = preview?.conflicts?.token ?? undefined;
    committer.mutate({
      fileName: file.fileName, contentBase64: file.contentBase64, encoding, mapping, onConflict: conflictChoice, ...(token ? { conflictToken: token } : {}),
    }, {
      onSuccess: setReport,
      // The data changed since this preview (another edit, a query): show the conflicts as they are now.
      onError: (e) => { if (e.code === 'import.conflicts') runPreview(file, encoding, mappingEdited.current ? mapping : undefined); },
    });
  };

  const step = report ? 2 : preview ? 1 : 0;
  return (
    <div className="page" data-testid="import-page">
      <Typography.Title level={4} className="page-title">{t('import.title')}</Typography.Title>
      <Steps current={step} size="small" items={[{ title: t('import.step.choose') }, { title: t('import.step.preview') }, { title: t('import.step.report') }]} style={{ maxWidth: 720 }} />
      {step === 0 && (
        <Spin spinning={reading || previewer.isPending} tip={t('import.reading')}>
          <Upload.Dragger
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            multiple={false}
            showUploadList={false}
            beforeUpload={(f) => { void choose(f); return Upload.LIST_IGNORE; }}
            data-testid="import-dropzone"
          >
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p className="ant-upload-text">{t('import.drop')}</p>
            <p className="ant-upload-hint">{t('import.dropHint')}</p>
          </Upload.Dragger>
        </Spin>
      )}
      {readError && <Alert type="error" showIcon title={readError} />}
      {previewer.error && <ErrorAlert error={previewer.error} onRetry={file ? () => runPreview(file, encoding, mappingEdited.current ? mapping : undefined) : undefined} />}
      {committer.error && <ErrorAlert error={committer.error} />}
      {step === 1 && file && preview && (
        <PreviewStep
          fileName={file.fileName}
          preview={preview}
          encoding={encoding}
          onEncoding={(e) => { setEncoding(e); runPreview(file, e, mappingEdited.current ? mapping : undefined); }}
          mapping={mapping}
          onMapping={(m) => { mappingEdited.current = true; setMapping(m); }}
          conflictChoice={conflictChoice}
          onConflictChoice={setConflictChoice}
          refreshing={previewer.isPending}
          committing={committer.isPending}
          onCommit={commit}
          onRestart={restart}
        />
      )}
      {step === 2 && report && <ReportStep report={report} onRestart={restart} onReconcile={() => navigate('reconcile')} />}
    </div>
  );
}
