// Main process. Scrubs secrets from anything about to be written to a log file.

export const REDACTED = '***';

/**
 * `key=value`, `key: value`, `"key":"value"` for the keys that carry credentials or signatures in the
 * two platforms' protocols (Wangdiantong appsecret/sign, Suning appSecret/signInfo, OAuth access_token).
 */
const SECRET_KEY_VALUE = /((?:^|[^A-Za-z0-9_])["']?(?:app_?secret|signInfo|sign|access_?token)["']?\s*[=:]\s*["']?)([^"'&\s,;}\]]+)/gi;

/** Only secrets long enough not to erase ordinary words; the vault's secrets are far longer. */
const MIN_SECRET_LENGTH = 4;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    out = out.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
    // Secrets also travel URL-encoded in query strings and form bodies.
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) out = out.replace(new RegExp(escapeRegExp(encoded), 'g'), REDACTED);
  }
  return out.replace(SECRET_KEY_VALUE, `$1${REDACTED}`);
}
