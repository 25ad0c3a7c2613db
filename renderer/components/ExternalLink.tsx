// Renderer. Links that leave the app (invoice PDFs): only http(s), opened outside — Electron routes new windows to the system browser.
import type { ReactNode } from 'react';
import { LinkOutlined } from '@ant-design/icons';
import { readWebLink } from '../../shared/domain/web-link';

export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The link as the app reads it (a stored `www.suning.com` is https://www.suning.com), or null for no link. */
export function externalHref(raw: string): string | null {
  const link = readWebLink(raw);
  return link.ok && link.url !== '' && isSafeExternalUrl(link.url) ? link.url : null;
}

export function ExternalLink({ href, children }: { readonly href: string; readonly children: ReactNode }) {
  const url = externalHref(href);
  if (url === null) return <span title={href}>{children}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer" title={url}>
      <LinkOutlined /> {children}
    </a>
  );
}
