// Renderer. What will be written back to Wangdiantong: fill from Suning, edit, save, submit — validated before sending.
import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Space, Tooltip, Typography, App as AntApp } from 'antd';
import { CloudUploadOutlined, ImportOutlined, SaveOutlined } from '@ant-design/icons';
import type { InvoiceRow, WdtStatus } from '../../../../shared/domain/invoice';
import type { PlannedInvoiceRow } from '../../../../shared/domain/plan';
import { OverrideButton } from './OverrideButton';
import { MarkFailedDialog } from '../MarkFailedDialog';
import { useApplySuning, useStartSubmit, useUpdateInvoice } from '../../../api/mutations';
import { useI18n } from '../../../i18n/i18n';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { withShortcut } from '../../../components/Kbd';
import { useShortcut } from '../../../app/shortcuts';
import { invoiceKindLabel, numberWarnings, submitErrors, type FieldProblem, type FormField, type SubmitFormValues } from './submit-rules';

interface Props {
  readonly invoice: PlannedInvoiceRow;
  readonly canApplySuning: boolean;
  readonly onSubmitted: (jobId: number) => void;
}

function valuesOf(r: InvoiceRow): SubmitFormValues {
  return { targetStatus: r.targetStatus, invoiceNum: r.invoiceNum, invoiceCode: r.invoiceCode, pdfUrl: r.pdfUrl, errorInfo: r.errorInfo };
}

function changedFields(before: SubmitFormValues, after: SubmitFormValues): Partial<SubmitFormValues> {
  const patch: Partial<Record<FormField, unknown>> = {};
  for (const k of Object.keys(after) as FormField[]) if (after[k] !== before[k]) patch[k] = after[k];
  return patch as Partial<SubmitFormValues>;
}

export function SubmitForm({ invoice, canApplySuning, onSubmitted }: Props) {
  const { t, pick } = useI18n();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<SubmitFormValues>();
  // Keyed by content: a background refetch that returns the same record must not wipe what the clerk is typing.
  const savedKey = JSON.stringify(valuesOf(invoice));
  const saved = useMemo(() => JSON.parse(savedKey) as SubmitFormValues, [savedKey]);
  // The status the plan allows: an invoice that may never go as 80 (not issued, reversed) starts at 75 开票失败.
  const never80 = invoice.plan === 'never_80';
  const initial = useMemo<SubmitFormValues>(() => (never80 && saved.targetStatus === 80 ? { ...saved, targetStatus: 75 } : saved), [saved, never80]);
  const [values, setValues] = useState<SubmitFormValues>(initial);
  const [markFailedOpen, setMarkFailedOpen] = useState(false);
  const [errors, setErrors] = useState<readonly FieldProblem[]>([]);
  const update = useUpdateInvoice();
  const apply = useApplySuning();
  const submit = useStartSubmit();

  useEffect(() => {
    form.setFieldsValue(initial);
    setValues(initial);
    setErrors([]);
  }, [initial, form]);

  const warnings = numberWarnings(values);
  const kind = invoiceKindLabel(values);
  const problemFor = (f: FormField) => errors.find((e) => e.field === f) ?? warnings.find((w) => w.field === f);
  const statusFor = (f: FormField) => (errors.some((e) => e.field === f) ? 'error' : warnings.some((w) => w.field === f) ? 'warning' : undefined);
  const helpFor = (f: FormField, fallback?: string) => {
    const p = problemFor(f);
    return p ? pick(p.zh, p.en) : fallback;
  };

  const patch = changedFields(saved, values);
  const dirty = Object.keys(patch).length > 0;

  const save = async (): Promise<boolean> => {
    if (!dirty) return true;
    try {
      await update.mutateAsync({ id: invoice.id, patch });
      return true;
    } catch {
      return false;
    }
  };

  const onSave = async () => { if (await save()) message.success(t('detail.saved')); };

  const onSubmit = async () => {
    const errs = submitErrors(invoice.invoiceNo, values);
    setErrors(errs);
    if (errs.length > 0) return;
    if (!(await save())) return;
    submit.mutate({ selection: { kind: 'ids', ids: [invoice.id] } }, {
      onSuccess: (out) => {
        message.success(t('detail.submitStarted'));
        onSubmitted(out.jobId);
      },
    });
  };

  const applyNow = () => apply.mutate({ id: invoice.id }, { onSuccess: () => message.success(t('detail.applied')) });
  // A number/code mismatch replaces values that point at another invoice: only after the clerk confirms.
  const onApply = () => {
    if (invoice.reconStatus !== 'number_mismatch') return applyNow();
    modal.confirm({ title: t('exc.useSuningTitle'), content: t('exc.useSuningHint'), okText: t('exc.useSuningOk'), cancelText: t('common.cancel'), onOk: applyNow });
  };

  useShortcut({ key: 'Enter', mod: true }, () => void onSubmit());
  useShortcut({ key: 'f', alt: true }, () => { if (canApplySuning) onApply(); });

  const mutationError = update.error ?? apply.error ?? submit.error;
  return (
    <Card
      size="small"
      title={t('detail.form')}
      extra={
        <Tooltip title={withShortcut(t('detail.applySuning'), 'Alt+F')}>
          <Button icon={<ImportOutlined />} disabled={!canApplySuning} loading={apply.isPending} onClick={onApply} data-testid="apply-suning">
            {t('detail.applySuning')}
          </Button>
        </Tooltip>
      }
    >
      <Form<SubmitFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onValuesChange={(_c, all) => { setValues({ ...values, ...all }); setErrors([]); }}
        onFinish={() => void onSubmit()}
        requiredMark={false}
        data-testid="submit-form"
        className="submit-form"
      >
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="targetStatus" label={t('field.targetStatus')} validateStatus={statusFor('targetStatus')} help={helpFor('targetStatus')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="small"
                options={([80, 75, 65] as WdtStatus[]).map((s) => ({ value: s, label: t(`wdt.${s}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="invoiceNum" label={t('field.invoiceNum')} validateStatus={statusFor('invoiceNum')} help={helpFor('invoiceNum', kind ? t('detail.kind', { kind: pick(kind.zh, kind.en) }) : undefined)}>
              <Input className="mono" autoComplete="off" maxLength={40} data-testid="f-invoiceNum" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="invoiceCode" label={t('field.invoiceCode')} validateStatus={statusFor('invoiceCode')} help={helpFor('invoiceCode', values.invoiceCode.trim() === '' || values.invoiceNum.trim().length === 20 ? t('field.invoiceCodeHint') : undefined)}>
              <Input className="mono" autoComplete="off" maxLength={20} data-testid="f-invoiceCode" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={24}>
            <Form.Item name="pdfUrl" label={t('field.pdfUrl')} validateStatus={statusFor('pdfUrl')} help={helpFor('pdfUrl')}>
              <Input autoComplete="off" data-testid="f-pdfUrl" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="errorInfo" label={t('field.errorInfo')} validateStatus={statusFor('errorInfo')} help={helpFor('errorInfo')}>
              <Input autoComplete="off" maxLength={255} data-testid="f-errorInfo" />
            </Form.Item>
          </Col>
        </Row>
        {mutationError && <div style={{ marginBottom: 12 }}><ErrorAlert error={mutationError} compact /></div>}
        {errors.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={errors.map((e) => pick(e.zh, e.en)).join('；')} data-testid="submit-errors" />}
        {/* Wraps: in English the three buttons are wider than this column of a 1366 px drawer. */}
        <Space wrap>
          <Tooltip title={withShortcut(t('detail.submitOne'), 'Mod+Enter')}>
            <Button type="primary" htmlType="submit" icon={<CloudUploadOutlined />} loading={submit.isPending} data-testid="submit-one">{t('detail.submitOne')}</Button>
          </Tooltip>
          <Button icon={<SaveOutlined />} disabled={!dirty} loading={update.isPending} onClick={() => void onSave()} data-testid="save-edit">{t('detail.saveEdit')}</Button>
          {/* Where the plan refuses 80, the clerk's only way to send it is an override with a reason. */}
          {values.targetStatus === 80 && invoice.plan !== 'submit' && invoice.plan !== 'nothing' && (
            <OverrideButton invoice={invoice} beforeSend={save} onSubmitted={(jobId) => { submit.reset(); onSubmitted(jobId); }} />
          )}
          {never80 && <Button danger onClick={() => setMarkFailedOpen(true)} data-testid="mark-failed-open">{t('markFailed.open')}</Button>}
          {dirty && <Typography.Text type="warning">●</Typography.Text>}
        </Space>
      </Form>
      {markFailedOpen && (
        <MarkFailedDialog open={markFailedOpen} selection={{ kind: 'ids', ids: [invoice.id] }} onClose={() => setMarkFailedOpen(false)} onStarted={onSubmitted} />
      )}
    </Card>
  );
}
