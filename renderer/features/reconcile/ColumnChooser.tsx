// Renderer. 列设置: which columns of the reconcile table show (remembered); widths are set by dragging header
// edges. Status and 发票编号 are pinned and always shown, so the chooser lists only the others.
import { useMemo } from 'react';
import { Button, Checkbox, Popover, Space, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/i18n';
import { buildColumns } from './columns';
import { DEFAULT_PREFS, useColumnPrefs } from './column-prefs';

export function ColumnChooser() {
  const { t, lang } = useI18n();
  const [prefs, save] = useColumnPrefs();
  const columns = useMemo(() => buildColumns(t, lang).filter((c) => c.pinned !== true), [t, lang]);
  const hidden = new Set(prefs.hidden);
  const content = (
    <div className="column-chooser" data-testid="column-chooser">
      <Typography.Text type="secondary" className="column-chooser-hint">{t('recon.columnsPinned')}</Typography.Text>
      <Checkbox.Group
        value={columns.filter((c) => !hidden.has(c.key)).map((c) => c.key)}
        onChange={(shown) => save({ ...prefs, hidden: columns.filter((c) => !shown.includes(c.key)).map((c) => c.key) })}
      >
        <Space orientation="vertical" size={4}>
          {columns.map((c) => <Checkbox key={c.key} value={c.key} data-testid={`column-toggle-${c.key}`}>{c.title}</Checkbox>)}
        </Space>
      </Checkbox.Group>
      <Typography.Text type="secondary" className="column-chooser-hint">{t('recon.columnsHint')}</Typography.Text>
      <Button size="small" onClick={() => save(DEFAULT_PREFS)} data-testid="columns-reset">{t('recon.columnsReset')}</Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="topRight" content={content} title={t('recon.columns')}>
      <Button size="small" type="text" icon={<SettingOutlined />} className="columns-button" data-testid="columns-button">{t('recon.columns')}</Button>
    </Popover>
  );
}
