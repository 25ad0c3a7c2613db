// Build tool (Node). Bundles the renderer for both hosts: app:// in Electron and http://127.0.0.1 in the browser host.
// This file runs in Node at build time, never in the page, so the renderer's no-Node import rule does not apply.
/* eslint-disable no-restricted-imports */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

export default defineConfig({
  root: here,
  // Relative asset URLs: the same build is served from app://invoice-recon/ and http://127.0.0.1:<port>/.
  base: './',
  plugins: [react()],
  build: {
    outDir: path.join(root, 'dist', 'renderer'),
    emptyOutDir: true,
    // CSP is `script-src 'self'`: no inline scripts, no data: module preload polyfill.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      output: {
        // Vendor code changes rarely; keeping it apart lets the app chunk stay small and cache well.
        codeSplitting: {
          groups: [
            // Only the 概览 page imports ECharts (dynamically): its own chunk, never loaded with the reconcile page.
            // Below react and antd: a group also takes its modules' dependencies, and echarts-for-react imports react.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor)[\\/]/, priority: 15 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 30 },
            { name: 'antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs)[\\/]/, priority: 20 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 10 },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
