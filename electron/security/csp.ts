// Main process. The Content-Security-Policy sent with every HTML page of the app.

/**
 * antd writes inline styles (CSS-in-JS), so style-src needs 'unsafe-inline'; scripts never do:
 * no 'unsafe-eval', no inline script, no remote origin — only files we shipped.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');
