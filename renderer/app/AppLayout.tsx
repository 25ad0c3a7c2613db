// Renderer. The frame around every page: navigation with shortcuts, language switch, practice banner, help.
import type { ReactNode } from 'react';
import { Button, Layout, Segmented, Space, Tag, Tooltip, Typography } from 'antd';
import { AuditOutlined, DashboardOutlined, ImportOutlined, QuestionCircleOutlined, SettingOutlined, TableOutlined } from '@ant-design/icons';
import { useI18n, type Language, type MessageKey } from '../i18n/i18n';
import { Kbd } from '../components/Kbd';
import type { Page } from './routes';
import { WorkspaceSwitcher } from '../features/workspaces/WorkspaceSwitcher';

const NAV: ReadonlyArray<{ page: Page; label: MessageKey; icon: ReactNode }> = [
  { page: 'overview', label: 'nav.overview', icon: <DashboardOutlined /> },
  { page: 'reconcile', label: 'nav.reconcile', icon: <TableOutlined /> },
  { page: 'import', label: 'nav.import', icon: <ImportOutlined /> },
  { page: 'history', label: 'nav.history', icon: <AuditOutlined /> },
  { page: 'settings', label: 'nav.settings', icon: <SettingOutlined /> },
];

interface Props {
  readonly page: Page;
  readonly onNavigate: (p: Page) => void;
  readonly banner: ReactNode;
  /** practice / real, shown under the title so the clerk always knows which data is in front of them. */
  readonly mode: 'practice' | 'real' | 'unconfigured' | undefined;
  readonly onHelp: () => void;
  readonly onLanguage: (lang: Language) => void;
  readonly children: ReactNode;
}

export function AppLayout({ page, onNavigate, banner, mode, onHelp, onLanguage, children }: Props) {
  const { t, lang } = useI18n();
  return (
    <Layout className="app-root">
      {banner}
      <Layout>
        <Layout.Sider width={200} theme="light" className="app-sider">
          <div className="app-brand">
            <Typography.Text strong style={{ fontSize: 16 }}>{t('app.title')}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('app.subtitle')}</Typography.Text>
            {mode === 'practice' && <Tag color="orange" style={{ marginTop: 6, width: 'fit-content' }}>{t('mode.practice')}</Tag>}
            {mode === 'real' && <Tag color="green" style={{ marginTop: 6, width: 'fit-content' }} data-testid="mode-real">{t('mode.real')}</Tag>}
          </div>
          <WorkspaceSwitcher />
          {/* A plain list rather than antd's Menu: a few links do not need its machinery, and building Menu's styles
              was a measurable part of the first render (before the reconcile page's first rows could show). */}
          <nav aria-label={t('app.title')} className="app-nav">
            {NAV.map((n, i) => (
              <a
                key={n.page}
                href={`#/${n.page}`}
                className={page === n.page ? 'app-nav-item selected' : 'app-nav-item'}
                aria-current={page === n.page ? 'page' : undefined}
                onClick={(e) => { e.preventDefault(); onNavigate(n.page); }}
              >
                <span className="app-nav-icon" aria-hidden>{n.icon}</span>
                <span className="nav-item" data-testid={`nav-${n.page}`}>
                  {t(n.label)} <span className="nav-kbd"><Kbd keys={`Alt+${i + 1}`} /></span>
                </span>
              </a>
            ))}
          </nav>
          <div className="app-sider-foot">
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <Segmented<Language>
                block
                size="small"
                value={lang}
                aria-label={t('nav.language')}
                data-lang-switch
                onChange={onLanguage}
                options={[{ label: '中文', value: 'zh-CN' }, { label: 'English', value: 'en-US' }]}
              />
              <Tooltip title={<Kbd keys="F1" />} placement="right">
                <Button block size="small" icon={<QuestionCircleOutlined />} onClick={onHelp}>{t('nav.help')}</Button>
              </Tooltip>
            </Space>
          </div>
        </Layout.Sider>
        <Layout.Content className="app-content">{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
