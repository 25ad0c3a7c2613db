// Renderer. The first start of the app (no workspace yet): try practice mode in its own workspace, or set up a real
// merchant (name it → credentials in Settings → test the connection → first import). Nothing starts silently.
import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Input, InputNumber, Row, Space, Typography } from 'antd';
import { ExperimentOutlined, ShopOutlined } from '@ant-design/icons';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/routes';
import { useCreateWorkspace } from './api';

export function WorkspaceChoice() {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const practice = useCreateWorkspace();
  const real = useCreateWorkspace();
  const [orders, setOrders] = useState(200);
  const [name, setName] = useState('');
  // mutateAsync, not mutate's callbacks: opening the workspace replaces this screen (and remounts the page state),
  // and a callback of an unmounted mutate never runs. A failure stays on the mutation and shows above its button.
  const startPractice = () => void practice.mutateAsync({ name: t('ws.kindPractice'), kind: 'practice', practiceOrders: orders }).then(() => {
    message.success(t('practice.started'));
    navigate('reconcile');
  }, () => undefined);
  const createReal = () => void real.mutateAsync({ name, kind: 'real' }).then((info) => {
    message.success(t('ws.created', { name: info.workspace?.name ?? name }));
    navigate('settings');
  }, () => undefined);
  return (
    <div className="first-run" data-testid="workspace-choice">
      <Typography.Title level={2}>{t('choice.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 760 }}>{t('choice.text')}</Typography.Paragraph>
      <Row gutter={24} style={{ marginTop: 24, maxWidth: 980 }}>
        <Col span={12}>
          <Card title={<Space><ExperimentOutlined />{t('choice.practiceTitle')}</Space>} className="first-run-card">
            <Typography.Paragraph>{t('choice.practiceText')}</Typography.Paragraph>
            {practice.error && <ErrorAlert error={practice.error} compact />}
            <Space>
              <label htmlFor="choice-orders">{t('practice.orders')}</label>
              <InputNumber id="choice-orders" min={10} max={100000} value={orders} onChange={(v) => setOrders(v ?? 200)} />
            </Space>
            <div style={{ marginTop: 16 }}>
              <Button type="primary" size="large" loading={practice.isPending} onClick={startPractice} data-testid="choice-practice">{t('choice.practiceGo')}</Button>
            </div>
          </Card>
        </Col>
        <Col span={12}>
          <Card title={<Space><ShopOutlined />{t('choice.realTitle')}</Space>} className="first-run-card">
            <Typography.Paragraph>{t('choice.realText')}</Typography.Paragraph>
            {real.error && <ErrorAlert error={real.error} compact />}
            <Space orientation="vertical" style={{ width: '100%' }}>
              <label htmlFor="choice-real-name">{t('choice.realName')}</label>
              <Input id="choice-real-name" maxLength={40} value={name} placeholder={t('ws.namePlaceholder')} onChange={(e) => setName(e.target.value)} onPressEnter={createReal} data-testid="choice-real-name" />
            </Space>
            <div style={{ marginTop: 16 }}>
              <Button size="large" loading={real.isPending} disabled={name.trim() === ''} onClick={createReal} data-testid="choice-real">{t('choice.realGo')}</Button>
            </div>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
