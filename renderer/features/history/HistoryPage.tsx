// Renderer. 提交记录: submissions, Suning queries and the audit log, each filterable.
import { Tabs, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { SubmissionsTab } from './SubmissionsTab';
import { QueriesTab } from './QueriesTab';
import { AuditTab } from './AuditTab';

export function HistoryPage() {
  const { t } = useI18n();
  return (
    <div className="page" data-testid="history-page">
      <Typography.Title level={4} className="page-title">{t('nav.history')}</Typography.Title>
      <Tabs
        destroyOnHidden
        items={[
          { key: 'submissions', label: t('history.submissions'), children: <SubmissionsTab /> },
          { key: 'queries', label: t('history.queries'), children: <QueriesTab /> },
          { key: 'audit', label: t('history.audit'), children: <AuditTab /> },
        ]}
      />
    </div>
  );
}
