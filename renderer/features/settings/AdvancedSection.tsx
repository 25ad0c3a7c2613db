// Renderer. The folded 高级 (advanced) part of a settings card: rates, concurrency and other tuning. Rendered
// while folded (forceRender) so its fields stay in the card's form and are saved with the card.
import type { ReactNode } from 'react';
import { Collapse } from 'antd';
import { useI18n } from '../../i18n/i18n';

export function AdvancedSection({ testId, children }: { readonly testId: string; readonly children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Collapse
      size="small"
      ghost
      items={[{ key: 'advanced', label: t('settings.advanced'), forceRender: true, children }]}
      data-testid={testId}
    />
  );
}
