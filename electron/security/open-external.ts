// Main process. The ONE way a URL leaves the app for the system browser: http(s) only, nothing else.
import type { Shell } from 'electron';

const MAX_URL_LENGTH = 2048;

/** Control characters and whitespace can hide a different URL from the clerk than the one opened. */
function hasControlOrSpace(raw: string): boolean {
  for (const ch of raw) {
    const code = ch.codePointAt(0) ?? 0;
    if (code <= 0x20 || code === 0x7f || /\s/u.test(ch)) return true;
  }
  return false;
}

/**
 * True only for plain http(s) URLs with a host and no embedded credentials. Everything else —
 * javascript:, file:, data:, smb:, custom schemes that launch other programs — is refused.
 */
export function isSafeExternalUrl(raw: string): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return false;
  if (hasControlOrSpace(raw)) return false;
  // Only the plain spelling: the parser would also "fix" `http:host` and `https:///host`, hiding what was asked for.
  if (!/^https?:\/\/[^/\\]/i.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  if (url.hostname === '') return false;
  return url.username === '' && url.password === '';
}

/** Opens a vetted URL in the system browser; returns whether it was opened. */
export async function openExternal(shell: Pick<Shell, 'openExternal'>, raw: string): Promise<boolean> {
  if (!isSafeExternalUrl(raw)) return false;
  await shell.openExternal(new URL(raw).toString());
  return true;
}
