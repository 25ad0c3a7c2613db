// Renderer. First start without credentials: try everything in practice mode, or go configure real accounts.
import { useState } from 'react';
import { Button, Card, Col, InputNumber, Row, Space, Typography, App as AntApp } from 'antd';
import { ExperimentOutlined, SettingOutlined } from '@ant-design/icons';
import { useStartPractice } from '../../api/mutations';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../app/routes';

/** `allowPractice` false in a real merchant's workspace: practice mode lives in its own workspace. */
export function FirstRun({ onConfigure, allowPractice = true }: { readonly onConfigure: () => void; readonly allowPractice?: boolean }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const start = useStartPractice();
  const [orders, setOrders] = useState(200);
  const begin = () => start.mutate({ orders, seed: 1 }, {
    onSuccess: () => {
      message.success(t('practice.started'));
      navigate('reconcile');
    },
  });
  return (
    <div className="first-run">
      <Typography.Title level={2}>{t('practice.welcomeTitle')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 720 }}>{t('practice.welcomeText')}</Typography.Paragraph>
      {start.error && <ErrorAlert error={start.error} />}
      <Row gutter={24} style={{ marginTop: 24, maxWidth: 960 }}>
        {allowPractice && <Col span={12}>
          <Card title={<Space><ExperimentOutlined />{t('practice.startTitle')}</Space>} className="first-run-card">
            <Typography.Paragraph>{t('practice.startText')}</Typography.Paragraph>
            <Space>
              <label htmlFor="practice-orders">{t('practice.orders')}</label>
              <InputNumber id="practice-orders" min={10} max={100000} value={orders} onChange={(v) => setOrders(v ?? 200)} onPressEnter={begin} />
            </Space>
            <div style={{ marginTop: 16 }}>
              <Button type="primary" size="large" autoFocus loading={start.isPending} onClick={begin} data-testid="start-practice">
                {t('practice.start')}
              </Button>
            </div>
          </Card>
        </Col>}
        <Col span={12}>
          <Card title={<Space><SettingOutlined />{t('practice.configureTitle')}</Space>} className="first-run-card">
            <Typography.Paragraph>{t('practice.configureText')}</Typography.Paragraph>
            <Button size="large" onClick={onConfigure}>{t('practice.configure')}</Button>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
