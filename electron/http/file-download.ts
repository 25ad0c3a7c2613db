// Main process. Downloads one e-invoice file from a link Suning gave us, treating the other end as hostile:
// only http(s) (a scheme-less `www.…` link read as https, shared/domain/web-link.ts), at most `maxRedirects`
// redirects and only to http(s), connect / idle / total timeouts, a size cap enforced while the body streams
// (never buffered: chunks go straight to the sink), the bytes must start with `%PDF-` whatever Content-Type
// says and end with `%%EOF`, and nothing of ours goes with the request (no cookies — undici keeps no jar —,
// no credentials, no Authorization, no Referer; a link carrying user:password@ is refused).
//
// Every way it can end is one of FILE_OUTCOMES; `retry` says whether another attempt can help.
import { request, type Dispatcher } from 'undici';
import type { FileOutcome } from '../../shared/domain/einvoice-file';
import { readWebLink } from '../../shared/domain/web-link';
import { abortableSleep, backoffDelay } from './retry';

/** Where the body goes while it streams; the store implements it (a temp file hashed as it is written). */
export interface PdfSink {
  write(chunk: Uint8Array): Promise<void>;
  /** The bytes are complete: make them durable under their hash. */
  commit(): Promise<{ readonly sha256: string; readonly size: number }>;
  /** Throw away what was written. */
  discard(): Promise<void>;
}

export interface DownloadOptions {
  readonly dispatcher: Dispatcher;
  /** Bytes a file may have; a larger one is refused as soon as that is known (Content-Length, or while streaming). */
  readonly maxBytes: number;
  /** Headers of each hop, and each next piece of the body, must arrive within this (a read timeout). */
  readonly readTimeoutMs: number;
  /** The whole download (all hops, the whole body) must end within this. */
  readonly totalTimeoutMs: number;
  readonly maxRedirects?: number;
  readonly signal?: AbortSignal;
}

export type DownloadResult =
  | { readonly outcome: 'stored'; readonly httpStatus: number; readonly finalUrl: string; readonly sha256: string; readonly size: number; readonly detail: string }
  | { readonly outcome: Exclude<FileOutcome, 'stored'>; readonly httpStatus: number | null; readonly detail: string; readonly retry: boolean };

export const DEFAULT_MAX_REDIRECTS = 3;
/** How much of a page that is not a PDF is read to tell an expired-link page from other junk. */
const SNIFF_BYTES = 64 * 1024;
/** `%%EOF` must appear within the last this-many bytes (PDF readers look in the last 1024). */
const EOF_WINDOW = 1024;
const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const EOF_MARK = Buffer.from('%%EOF', 'latin1');
/** Words of the pages hosts show for an expired or revoked file link. */
const EXPIRED_WORDS = ['链接已失效', '已失效', '已过期', '链接失效', '不存在', 'expired', 'not found', 'no longer available'];

type Failure = Extract<DownloadResult, { retry: boolean }>;

function fail(outcome: Failure['outcome'], detail: string, httpStatus: number | null, retry = false): Failure {
  return { outcome, detail, httpStatus, retry };
}

/** Only http(s) with a host and no user:password@; the scheme-less form Suning uses read as https. */
export function fileUrlOf(raw: string): { ok: true; url: URL } | { ok: false; detail: string } {
  const link = readWebLink(raw);
  if (!link.ok) return { ok: false, detail: link.reason.en };
  if (link.url === '') return { ok: false, detail: 'no link' };
  let url: URL;
  try {
    url = new URL(link.url);
  } catch {
    return { ok: false, detail: 'not a valid URL' };
  }
  return { ok: true, url };
}

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string {
  const v = headers[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : '';
}

function isTimeout(error: unknown, total: AbortSignal): boolean {
  const code = errorCode(error);
  return total.aborted || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}

/** Printable start of a body for the clerk's detail: `starts with "<html>"`. */
function startOf(head: Buffer): string {
  const text = head.subarray(0, 24).toString('latin1').replace(/[^\x20-\x7e]/g, '.');
  return `starts with "${text}"`;
}

function looksLikeExpiredPage(contentType: string, sniff: Buffer): boolean {
  const text = sniff.toString('utf8');
  const html = /html/i.test(contentType) || /^\s*(<!doctype html|<html|<head|<body|<meta|<title)/i.test(text);
  if (!html) return false;
  const lower = text.toLowerCase();
  return EXPIRED_WORDS.some((w) => lower.includes(w));
}

/**
 * Stops reading a body we no longer want. undici's body emits an AbortError when destroyed unread; that error
 * is the destroy itself, not news about the server, so it is handled here instead of crashing the process.
 */
function drop(body: Dispatcher.ResponseData['body']): void {
  body.on('error', ignoreOwnAbort);
  body.destroy();
}

function ignoreOwnAbort(): void {
  // The AbortError of our own destroy(): nothing to report.
}

function notPdf(contentType: string, head: Buffer, status: number): Failure {
  if (looksLikeExpiredPage(contentType, head)) return fail('link_expired', `an HTML page saying the link has expired (Content-Type ${contentType || 'none'})`, status);
  return fail('not_pdf', `Content-Type ${contentType || 'none'}, ${startOf(head)}`, status);
}

/**
 * One download, following at most `maxRedirects` redirects. Never throws for what the server does; throws
 * only when `signal` is aborted (cancel / pause) or the sink cannot write (a full disk: the caller's problem).
 */
export async function downloadPdf(rawUrl: string, openSink: () => Promise<PdfSink>, opts: DownloadOptions): Promise<DownloadResult> {
  const first = fileUrlOf(rawUrl);
  if (!first.ok) return fail('bad_url', first.detail, null);
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const total = AbortSignal.timeout(opts.totalTimeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, total]) : total;
  let url = first.url;
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    seen.add(url.href);
    let res: Dispatcher.ResponseData;
    try {
      res = await request(url, {
        method: 'GET',
        dispatcher: opts.dispatcher,
        // Exactly these headers: nothing that identifies the clerk, the app's session or where the link came from.
        headers: { accept: 'application/pdf, */*;q=0.1', 'user-agent': 'invoice-recon-archive' },
        headersTimeout: opts.readTimeoutMs,
        bodyTimeout: opts.readTimeoutMs,
        signal,
      });
    } catch (error) {
      if (opts.signal?.aborted) throw opts.signal.reason;
      if (isTimeout(error, total)) return fail('timeout', `no answer within the time limit (${errorCode(error) || 'total time'})`, null, true);
      return fail('network', `network error: ${errorCode(error) || (error instanceof Error ? error.message : 'unknown')}`, null, true);
    }
    const status = res.statusCode;
    if (status >= 300 && status < 400) {
      drop(res.body);
      const location = headerOf(res.headers, 'location');
      if (location === '') return fail('http_error', `HTTP ${status} without a Location`, status);
      if (hop >= maxRedirects) return fail('redirect_refused', `more than ${maxRedirects} redirects`, status);
      let next: URL;
      try {
        next = new URL(location, url);
      } catch {
        return fail('redirect_refused', `redirect to an invalid address`, status);
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return fail('redirect_refused', `redirect to a ${next.protocol.replace(':', '')}: address refused`, status);
      }
      if (next.username !== '' || next.password !== '') return fail('redirect_refused', 'redirect to an address with credentials refused', status);
      if (seen.has(next.href)) return fail('redirect_refused', 'redirect loop', status);
      url = next;
      continue;
    }
    if (status === 404 || status === 410) {
      drop(res.body);
      return fail('link_expired', `HTTP ${status}`, status);
    }
    if (status === 429 || status >= 500) {
      drop(res.body);
      return fail('http_error', `HTTP ${status}`, status, true);
    }
    if (status !== 200) {
      drop(res.body);
      return fail('http_error', `HTTP ${status}`, status);
    }
    return await readBody(res, url, openSink, opts, total);
  }
}

async function readBody(
  res: Dispatcher.ResponseData, url: URL, openSink: () => Promise<PdfSink>, opts: DownloadOptions, total: AbortSignal,
): Promise<DownloadResult> {
  const status = res.statusCode;
  const contentType = headerOf(res.headers, 'content-type');
  const lengthHeader = headerOf(res.headers, 'content-length');
  const declared = /^\d+$/.test(lengthHeader) ? Number(lengthHeader) : null;
  if (declared !== null && declared > opts.maxBytes) {
    drop(res.body);
    return fail('too_large', `Content-Length ${declared} bytes is above the limit of ${opts.maxBytes}`, status);
  }
  let head = Buffer.alloc(0);
  let sink: PdfSink | null = null;
  /** The body does not start with %PDF-: read up to SNIFF_BYTES of it to say what it is, then stop. */
  let sniffing = false;
  let received = 0;
  let tail = Buffer.alloc(0);
  // A failing write (a full disk) is ours, not the server's: it is rethrown, never reported as a cut connection.
  let sinkError: { readonly error: unknown } | null = null;
  const write = async (s: PdfSink, b: Buffer): Promise<void> => {
    try {
      await s.write(b);
    } catch (error) {
      sinkError = { error };
      throw error;
    }
  };
  try {
    try {
      for await (const chunk of res.body) {
        const b = chunk as Buffer;
        received += b.length;
        if (sniffing || sink === null) {
          head = head.length < SNIFF_BYTES ? Buffer.concat([head, b]) : head;
          if (sniffing) {
            if (head.length >= SNIFF_BYTES) break;
            continue;
          }
          if (head.length < PDF_MAGIC.length) continue;
          if (!head.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) {
            sniffing = true;
            if (head.length >= SNIFF_BYTES) break;
            continue;
          }
          if (received > opts.maxBytes) break;
          sink = await openSink();
          await write(sink, head);
          tail = head.subarray(Math.max(0, head.length - EOF_WINDOW));
          continue;
        }
        if (received > opts.maxBytes) break;
        await write(sink, b);
        tail = tail.length + b.length <= 2 * EOF_WINDOW ? Buffer.concat([tail, b]) : Buffer.concat([tail, b]).subarray(-EOF_WINDOW);
      }
    } catch (error) {
      if (sinkError !== null || opts.signal?.aborted) throw sinkError !== null ? (sinkError as { error: unknown }).error : opts.signal?.reason;
      if (isTimeout(error, total)) return fail('timeout', `the file stopped arriving after ${received} bytes`, status, true);
      if (sniffing) return notPdf(contentType, head, status);
      return fail('incomplete', `the connection was cut after ${received} bytes${declared !== null ? ` of ${declared}` : ''}`, status, true);
    } finally {
      drop(res.body);
    }
    if (sniffing || sink === null) {
      if (received > opts.maxBytes && !sniffing) return fail('too_large', `more than ${opts.maxBytes} bytes (stopped while downloading)`, status);
      if (received === 0) return fail('not_pdf', `an empty body (Content-Type ${contentType || 'none'})`, status);
      return notPdf(contentType, head, status);
    }
    if (received > opts.maxBytes) return fail('too_large', `more than ${opts.maxBytes} bytes (stopped while downloading)`, status);
    if (declared !== null && received !== declared) {
      return fail('incomplete', `received ${received} bytes, Content-Length said ${declared}`, status, true);
    }
    if (tail.subarray(-EOF_WINDOW).indexOf(EOF_MARK) < 0) {
      return fail('incomplete', `no %%EOF at the end of the file (${received} bytes): it is cut off`, status, true);
    }
    const stored = await sink.commit();
    sink = null;
    return { outcome: 'stored', httpStatus: status, finalUrl: url.href, sha256: stored.sha256, size: stored.size, detail: `HTTP ${status}, ${stored.size} bytes` };
  } finally {
    if (sink !== null) await sink.discard();
  }
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_FILE_RETRY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 5_000 };

/** downloadPdf with backoff (full jitter) for the outcomes a later attempt can change; counts the attempts. */
export async function downloadWithRetry(
  rawUrl: string, openSink: () => Promise<PdfSink>, opts: DownloadOptions, policy: RetryPolicy = DEFAULT_FILE_RETRY,
): Promise<{ readonly result: DownloadResult; readonly attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    const result = await downloadPdf(rawUrl, openSink, opts);
    if (result.outcome === 'stored' || !result.retry || attempt >= policy.maxAttempts) return { result, attempts: attempt };
    await abortableSleep(backoffDelay(attempt, { ...policy, random: Math.random }), opts.signal);
  }
}
