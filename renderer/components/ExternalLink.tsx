// Renderer. Links that leave the app (invoice PDFs): only http(s), opened outside — Electron routes new windows to the system browser.
import type { ReactNode } from 'react';
import { LinkOutlined } from '@ant-design/icons';

export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

export function ExternalLink({ href, children }: { readonly href: string; readonly children: ReactNode }) {
  if (!isSafeExternalUrl(href)) return <span title={href}>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
      <LinkOutlined /> {children}
    </a>
  );
}
