// Renderer. Mounts the workbench (loaded by renderer/main.tsx once the first screen's reads are on their way).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { QueryClient } from '@tanstack/react-query';
import { App } from './App';

export function mount(root: HTMLElement, client: QueryClient): void {
  createRoot(root).render(
    <StrictMode>
      <App client={client} />
    </StrictMode>,
  );
}
