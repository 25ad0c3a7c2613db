// Renderer. The permanent practice-mode strip: loud colour, stripes and text, on every page, impossible to overlook.
import { ExperimentOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';

/** `workspace`: the open workspace's name, where the app has workspaces (the banner names it). */
export function PracticeBanner({ workspace = null }: { readonly workspace?: string | null }) {
  const { t } = useI18n();
  return (
    <div className="practice-banner" role="status" data-testid="practice-banner">
      <ExperimentOutlined /> <strong>{workspace ? t('practice.bannerNamed', { name: workspace }) : t('practice.banner')}</strong>
    </div>
  );
}
