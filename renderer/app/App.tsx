// Renderer. Providers (query cache, antd locale/theme, i18n) and the page switch with one error boundary per page.
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
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
import { useSetupNeeded, useWorkspaces } from '../features/workspaces/api';
import { ReconcilePage } from '../features/reconcile/ReconcilePage';
import { ReconcileViewProvider } from '../features/reconcile/view-state';
import { AppLayout } from './AppLayout';
import { useGlobalShortcuts } from './shortcuts';
import { usePage, type Page } from './routes';
import { THEME } from './theme';

// Reconcile is the working screen and stays in the entry chunk; the other pages and the help sheet load on first use.
// 概览 loads its charting library in a chunk of its own (features/overview/charts.tsx), never with the reconcile page.
const OverviewPage = lazy(() => import('../features/overview/OverviewPage').then((m) => ({ default: m.OverviewPage })));
const ImportPage = lazy(() => import('../features/import/ImportPage').then((m) => ({ default: m.ImportPage })));
const HistoryPage = lazy(() => import('../features/history/HistoryPage').then((m) => ({ default: m.HistoryPage })));
const SettingsPage = lazy(() => import('../features/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const WorkspaceChoice = lazy(() => import('../features/workspaces/WorkspaceChoice').then((m) => ({ default: m.WorkspaceChoice })));
const SetupSteps = lazy(() => import('../features/workspaces/SetupSteps').then((m) => ({ default: m.SetupSteps })));
const HelpModal = lazy(() => import('./HelpModal').then((m) => ({ default: m.HelpModal })));

const PAGE_FALLBACK = <div className="center-fill"><Spin size="large" /></div>;

function PageBody({ page }: { readonly page: Page }) {
  switch (page) {
    case 'overview': return <Suspense fallback={PAGE_FALLBACK}><OverviewPage /></Suspense>;
    case 'reconcile': return <ReconcilePage />;
    case 'import': return <Suspense fallback={PAGE_FALLBACK}><ImportPage /></Suspense>;
    case 'history': return <Suspense fallback={PAGE_FALLBACK}><HistoryPage /></Suspense>;
    case 'settings': return <Suspense fallback={PAGE_FALLBACK}><SettingsPage /></Suspense>;
  }
}

function Shell() {
  const { lang, setLang, t } = useI18n();
  const [page, go] = usePage();
  const [helpOpen, setHelpOpen] = useState(false);
  const [helpUsed, setHelpUsed] = useState(false);
  const openHelp = useCallback(() => { setHelpUsed(true); setHelpOpen(true); }, []);
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

  const workspaces = useWorkspaces();
  const workspace = info.data?.workspace ?? null;
  // The window title names the open workspace (the Electron window follows the page's title).
  useEffect(() => {
    document.title = workspace ? `${workspace.name} · ${t('app.title')} · Invoice Recon` : `${t('app.title')} · Invoice Recon`;
  }, [workspace, t]);
  const showSetup = useSetupNeeded(workspace?.kind === 'real' && page === 'reconcile');
  const configured = Object.values(settings.data?.secrets ?? {}).every((x) => x.configured);

  let body;
  if (info.isPending || workspaces.isPending) body = <div className="center-fill"><Spin size="large" /></div>;
  else if (info.error) body = <div className="page"><ErrorAlert error={info.error} onRetry={() => void info.refetch()} /></div>;
  else if (workspaces.data?.managed && workspace === null) body = <Suspense fallback={PAGE_FALLBACK}><WorkspaceChoice /></Suspense>;
  else if (info.data.mode === 'unconfigured' && page !== 'settings') body = <FirstRun onConfigure={() => go('settings')} allowPractice={workspace?.kind !== 'real'} />;
  else if (showSetup && workspace) body = <div className="page"><Suspense fallback={PAGE_FALLBACK}><SetupSteps name={workspace.name} configured={configured} /></Suspense></div>;
  else body = <PageErrorBoundary lang={lang} resetKey={page}><PageBody page={page} /></PageErrorBoundary>;

  return (
    <AppLayout
      page={page}
      onNavigate={go}
      onHelp={openHelp}
      onLanguage={onLanguage}
      banner={info.data?.mode === 'practice' ? <PracticeBanner workspace={workspace?.name ?? null} /> : null}
      mode={info.data?.mode}
    >
      {body}
      {helpUsed && <Suspense fallback={null}><HelpModal open={helpOpen} onClose={() => setHelpOpen(false)} /></Suspense>}
    </AppLayout>
  );
}

function Localised() {
  const { lang } = useI18n();
  // Filters, selection and the open invoice belong to one workspace: a switch starts them afresh.
  const workspaceId = useAppInfo().data?.workspace?.id ?? '';
  return (
    <ConfigProvider locale={lang === 'zh-CN' ? zhCNLocale : enUSLocale} theme={THEME}>
      <AntApp>
        <ReconcileViewProvider key={workspaceId}>
          <Shell />
        </ReconcileViewProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App({ client: given }: { readonly client?: QueryClient }) {
  const client = useMemo(() => given ?? createQueryClient(), [given]);
  return (
    <QueryClientProvider client={client}>
      <I18nProvider>
        <Localised />
      </I18nProvider>
    </QueryClientProvider>
  );
}
