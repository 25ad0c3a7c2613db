// Renderer. One calm, dense theme for all-day use: system CJK fonts, compact radius, clear focus.
import type { ThemeConfig } from 'antd';

export const THEME: ThemeConfig = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", sans-serif',
  },
  components: {
    Table: { cellPaddingBlockSM: 6, headerBg: '#f4f6f9' },
    Layout: { siderBg: '#ffffff', bodyBg: '#f4f6f9' },
  },
};
