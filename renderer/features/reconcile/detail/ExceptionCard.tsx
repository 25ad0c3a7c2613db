// Renderer. The way forward for an exception the plan leaves to the clerk: a number/code mismatch shows both
// values and replaces the local ones with Suning's after a confirmation; a split order lets the clerk choose the
// blue to write back (or all numbers joined, within the 40-character limit); red without blue and partially
// reversed say what to check. Every invoice keeps the clerk's note. The main process checks each rule again.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Radio, Space, Typography, App as AntApp } from 'antd';
import type { ChannelOutput } from '../../../../shared/api/contract';
import { formatFenGrouped } from '../../../../shared/domain/money';
import { useApplySuning, useChooseSplit, useSetNote } from '../../../api/mutations';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useI18n } from '../../../i18n/i18n';

type Detail = ChannelOutput<'invoices:get'>;

/** Mirrors electron/services/exceptions.ts (the main process refuses a longer join). */
const INVOICE_NO_OUT_MAX = 40;
const JOINER = ',';
const NOTE_MAX = 500;

function chars(s: string): number {
  return [...s].length;
}

function NumberMismatch({ detail }: { readonly detail: Detail }) {
  const { t } = useI18n();
  const { modal, message } = AntApp.useApp();
  const apply = useApplySuning();
  const { invoice, validBlue } = detail;
  if (!validBlue) return null;
  const both = (
    <dl className="kv" data-testid="number-mismatch-values">
      <dt>{t('exc.local')}</dt><dd className="mono">{invoice.invoiceCode || '—'} / {invoice.invoiceNum || '—'}</dd>
      <dt>{t('exc.suning')}</dt><dd className="mono">{validBlue.invoiceCode || '—'} / {validBlue.invoiceNum}</dd>
    </dl>
  );
  const onUse = () => {
    modal.confirm({
      title: t('exc.useSuningTitle'),
      content: <>{both}<Typography.Paragraph>{t('exc.useSuningHint')}</Typography.Paragraph></>,
      okText: t('exc.useSuningOk'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'use-suning-ok' },
      onOk: () => apply.mutateAsync({ id: invoice.id }).then(() => { message.success(t('detail.applied')); }),
    });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t('exc.numberMismatch')}</Typography.Text>
      {both}
      <Button onClick={onUse} data-testid="use-suning">{t('exc.useSuning')}</Button>
      {apply.error && <ErrorAlert error={apply.error} compact />}
    </Space>
  );
}

function SplitChoice({ detail }: { readonly detail: Detail }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const choose = useChooseSplit();
  const { invoice, validBlues } = detail;
  const joined = validBlues.map((b) => b.invoiceNum).join(JOINER);
  const joinedLength = chars(joined);
  const fits = joinedLength <= INVOICE_NO_OUT_MAX;
  const current = invoice.splitChoice !== '' && invoice.splitChoice === invoice.invoiceNum ? invoice.splitChoice : '';
  const [pick, setPick] = useState<string>(current);
  useEffect(() => setPick(current), [current]);
  const onChoose = () => {
    if (pick === '') return;
    const input = pick === joined && validBlues.length > 1 ? { kind: 'joined' as const } : { kind: 'one' as const, invoiceNum: pick };
    choose.mutate({ id: invoice.id, pick: input }, { onSuccess: () => message.success(t('exc.splitChosen')) });
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t('exc.splitHint')}</Typography.Text>
      <Radio.Group value={pick} onChange={(e) => setPick(String(e.target.value))} data-testid="split-choice">
        <Space orientation="vertical">
          {validBlues.map((b) => (
            <Radio key={`${b.invoiceCode}-${b.invoiceNum}`} value={b.invoiceNum} data-testid="split-option">
              <span className="mono">{b.invoiceCode || '—'} / {b.invoiceNum}</span> ¥{formatFenGrouped(b.amountFen)}
            </Radio>
          ))}
          <Radio value={joined} disabled={!fits} data-testid="split-option-joined">
            {t('exc.splitJoined')} <span className="mono">{joined}</span>{' '}
            <Typography.Text type={fits ? 'secondary' : 'danger'} data-testid="split-joined-length">
              {t('exc.splitLength', { n: joinedLength, max: INVOICE_NO_OUT_MAX })}
            </Typography.Text>
          </Radio>
        </Space>
      </Radio.Group>
      {current !== '' && <Typography.Text type="success" data-testid="split-current">{t('exc.splitCurrent', { value: current })}</Typography.Text>}
      <Button type="primary" ghost disabled={pick === '' || pick === current} loading={choose.isPending} onClick={onChoose} data-testid="split-choose">
        {t('exc.splitChoose')}
      </Button>
      {choose.error && <ErrorAlert error={choose.error} compact />}
    </Space>
  );
}

function NoteField({ detail }: { readonly detail: Detail }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const save = useSetNote();
  const saved = detail.invoice.clerkNote;
  const [note, setNote] = useState(saved);
  useEffect(() => setNote(saved), [saved]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        rows={2}
        maxLength={NOTE_MAX}
        showCount
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('exc.notePlaceholder')}
        aria-label={t('exc.note')}
        data-testid="clerk-note"
      />
      <Button size="small" disabled={note.trim() === saved} loading={save.isPending} data-testid="clerk-note-save"
        onClick={() => save.mutate({ id: detail.invoice.id, note }, { onSuccess: () => message.success(t('exc.noteSaved')) })}>
        {t('exc.noteSave')}
      </Button>
      {save.error && <ErrorAlert error={save.error} compact />}
    </Space>
  );
}

export function ExceptionCard({ detail }: { readonly detail: Detail }) {
  const { t } = useI18n();
  const status = detail.invoice.reconStatus;
  const check = status === 'red_without_blue' ? t('exc.checkRedWithoutBlue') : status === 'partially_reversed' ? t('exc.checkPartiallyReversed') : null;
  return (
    <Card size="small" title={t('exc.title')} data-testid="exception-card" data-status={status}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {status === 'number_mismatch' && <NumberMismatch detail={detail} />}
        {status === 'split' && detail.validBlues.length > 1 && <SplitChoice detail={detail} />}
        {check && <Alert type="info" showIcon title={t('exc.whatToCheck')} description={check} data-testid="exception-check" />}
        <NoteField detail={detail} />
      </Space>
    </Card>
  );
}
