// Main process. The one redactor: scrubs secrets from log lines and from platform error snippets alike.

export const REDACTED = '***';

/**
 * Keys whose values are credentials or signatures whatever the payload style (JSON, XML, form, header dump,
 * log text): Wangdiantong appsecret/sign, Suning appSecret/signInfo, OAuth tokens, passwords.
 */
const SECRET_KEYS = 'app_?secret|secret|access_?token|refresh_?token|token|password|passwd|signInfo|sign';
/** `"key": "value"`, escaped quotes inside the value included. */
const JSON_PAIR = new RegExp(`("(?:${SECRET_KEYS})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
/** `<key>value</key>`. */
const XML_PAIR = new RegExp(`<(${SECRET_KEYS})>[^<]*</\\1>`, 'gi');
/**
 * `key=value`, `key: value`, `'key': 'value'`. The key must follow a separator (start, space, `?&;,{([`), so
 * `design=` survives and so does a platform's own error code such as Suning's `sys.check.app-sign:error`.
 */
const KEY_VALUE = new RegExp(`((?:^|[\\s?&;,{(\\[])["']?(?:${SECRET_KEYS})["']?\\s*[=:]\\s*["']?)([^"'&\\s,;}\\]<]+)`, 'gi');

/** Only secrets long enough not to erase ordinary words; the vault's secrets are far longer. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes the given secret values (also URL-encoded, as they travel in query strings and form bodies) and the
 * values of credential-looking keys.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), REDACTED);
  }
  return out
    .replace(JSON_PAIR, `$1"${REDACTED}"`)
    .replace(XML_PAIR, `<$1>${REDACTED}</$1>`)
    .replace(KEY_VALUE, `$1${REDACTED}`);
}

/** redact(), then cut to `max` characters (code points), ending in … when cut. */
export function redactAndCut(text: string, secrets: readonly string[], max: number): string {
  const chars = [...redact(text, secrets)];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}
