// Renderer. Footer of a keyset-paged history table: load the next page, or say everything is loaded.
import { Button, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';

export function LoadMore({ hasMore, loading, onMore, count }: { readonly hasMore: boolean; readonly loading: boolean; readonly onMore: () => void; readonly count: number }) {
  const { t } = useI18n();
  return (
    <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '8px 0' }}>
      <Typography.Text type="secondary">{t('common.rows', { n: count.toLocaleString() })}</Typography.Text>
      {hasMore
        ? <Button onClick={onMore} loading={loading}>{t('common.loadMore')}</Button>
        : <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>}
    </div>
  );
}
