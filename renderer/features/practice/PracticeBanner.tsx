// Renderer. The permanent practice-mode strip: loud colour, stripes and text, on every page, impossible to overlook.
import { ExperimentOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';

export function PracticeBanner() {
  const { t } = useI18n();
  return (
    <div className="practice-banner" role="status" data-testid="practice-banner">
      <ExperimentOutlined /> <strong>{t('practice.banner')}</strong>
    </div>
  );
}
