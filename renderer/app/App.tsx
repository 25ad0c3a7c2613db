// Renderer. Providers (query cache, antd locale/theme, i18n) and the page switch with one error boundary per page.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { createQueryClient } from '../api/query-client';
import { useLiveEvents } from '../api/events';
import { useAppInfo, useSettings } from '../api/queries';
import { useUpdateSettings } from '../api/mutations';
import { I18nProvider, useI18n, type Language } from '../i18n/i18n';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageErrorBoundary } from '../components/PageErrorBoundary';
import { PracticeBanner } from '../features/practice/PracticeBanner';
import { FirstRun } from '../features/practice/FirstRun';
import { ReconcilePage } from '../features/reconcile/ReconcilePage';
import { ReconcileViewProvider } from '../features/reconcile/view-state';
import { ImportPage } from '../features/import/ImportPage';
import { HistoryPage } from '../features/history/HistoryPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { AppLayout } from './AppLayout';
import { HelpModal } from './HelpModal';
import { useGlobalShortcuts } from './shortcuts';
import { usePage, type Page } from './routes';
import { THEME } from './theme';

function PageBody({ page }: { readonly page: Page }) {
  switch (page) {
    case 'reconcile': return <ReconcilePage />;
    case 'import': return <ImportPage />;
    case 'history': return <HistoryPage />;
    case 'settings': return <SettingsPage />;
  }
}

function Shell() {
  const { lang, setLang } = useI18n();
  const [page, go] = usePage();
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useGlobalShortcuts(openHelp);
  useLiveEvents();
  const info = useAppInfo();
  const settings = useSettings();
  const saveSettings = useUpdateSettings();

  // The stored preference wins once it is known (e.g. set from another window or the CLI).
  const storedLang = settings.data?.settings.language;
  useEffect(() => {
    if (storedLang && storedLang !== lang) setLang(storedLang);
    // Only react to the stored value changing, not to local switches (those are saved below).
  }, [storedLang]);

  const onLanguage = useCallback((next: Language) => {
    setLang(next);
    saveSettings.mutate({ language: next });
  }, [setLang, saveSettings]);

  let body;
  if (info.isPending) body = <div className="center-fill"><Spin size="large" /></div>;
  else if (info.error) body = <div className="page"><ErrorAlert error={info.error} onRetry={() => void info.refetch()} /></div>;
  else if (info.data.mode === 'unconfigured' && page !== 'settings') body = <FirstRun onConfigure={() => go('settings')} />;
  else body = <PageErrorBoundary lang={lang} resetKey={page}><PageBody page={page} /></PageErrorBoundary>;

  return (
    <AppLayout
      page={page}
      onNavigate={go}
      onHelp={openHelp}
      onLanguage={onLanguage}
      banner={info.data?.mode === 'practice' ? <PracticeBanner /> : null}
      mode={info.data?.mode}
    >
      {body}
      <HelpModal open={helpOpen} onClose={() => setHelpOpen(false)} />
    </AppLayout>
  );
}

function Localised() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} theme={THEME}>
      <AntApp>
        <ReconcileViewProvider>
          <Shell />
        </ReconcileViewProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  const client = useMemo(createQueryClient, []);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
