// Main process (browser host). The loopback host: the built renderer and the handler table on 127.0.0.1, behind a per-launch token.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { redact } from '../../logging/redact';
import { IMPORT_MAX_BYTES } from '../../../shared/api/schemas';
import type { AppCore } from '../../services/app-core';
import type { InvokeContext } from '../invoke';
import { BodyTooLargeError, readBody } from './body';
import { dispatch } from './dispatch';
import { createDownloads } from './downloads';
import { downloadFileOpener } from './open-file';
import { isAllowedHost, isAllowedOrigin, route, tokenMatches, TOKEN_HEADER } from './guards';
import { errorShape, sendError, sendJson } from './responses';
import { openEventStream } from './sse';
import { serveStatic } from './static';

export interface BrowserHostOptions {
  readonly core: Pick<AppCore, 'handlers' | 'onEvent'>;
  /** The built renderer (dist/renderer). */
  readonly staticDir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Imports arrive base64 in JSON: IMPORT_MAX_BYTES (256 MiB) of file is ~342 MiB of body. */
  readonly bodyLimitBytes?: number;
  readonly heartbeatMs?: number;
  readonly log?: (line: string) => void;
}

export interface BrowserHost {
  /** Open this in a browser; it carries the token, which the page moves to sessionStorage. */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

/** The largest import's base64 plus room for the rest of its JSON. */
export const DEFAULT_BODY_LIMIT = Math.ceil(IMPORT_MAX_BYTES / 3) * 4 + 1024 * 1024;

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = randomBytes(32).toString('base64url');
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const streams = new Set<() => void>();
  // Secrets the clerk entered through this host are scrubbed from its log lines, as the Electron logger does.
  const secrets: string[] = [];
  const downloads = createDownloads();
  const invokeContext: InvokeContext = {
    host: 'browser',
    saveTarget: downloads.target,
    fileOpener: downloadFileOpener(downloads),
    logError: (message, e) => log(redact(`browser host: ${message}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, secrets)),
    onSecret: (value) => {
      if (value.length > 0 && !secrets.includes(value)) secrets.push(value);
    },
  };
  let port = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      return sendError(res, 403, errorShape('forbidden', '只接受来自本机地址的访问', 'Only requests addressed to this loopback host are accepted'));
    }
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (!isAllowedOrigin(origin, port)) {
      return sendError(res, 403, errorShape('forbidden', '拒绝来自其他网页的请求', 'Requests from other origins are refused'));
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const r = route(rawPath);
    const method = req.method ?? 'GET';

    if (r.kind === 'static') {
      if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, errorShape('forbidden', '不支持的请求方法', 'Method not allowed'));
      return serveStatic(res, options.staticDir, rawPath, method === 'HEAD');
    }

    // EventSource and a download link cannot set headers: those two carry the token in the query.
    const given = r.kind === 'events' || r.kind === 'download' ? url.searchParams.get('token') : req.headers[TOKEN_HEADER];
    if (!tokenMatches(typeof given === 'string' ? given : null, token)) {
      return sendError(res, 401, errorShape('forbidden', '访问令牌缺失或无效：请使用启动时打印的地址打开', 'Missing or wrong access token: open the address printed at start-up'));
    }

    switch (r.kind) {
      case 'events': {
        if (method !== 'GET') return sendError(res, 405, errorShape('forbidden', '不支持的请求方法', 'Method not allowed'));
        const end = openEventStream(req, res, options.core, heartbeatMs);
        streams.add(end);
        req.on('close', () => streams.delete(end));
        return;
      }
      case 'download': {
        if (method !== 'GET' && method !== 'HEAD') return sendError(res, 405, errorShape('forbidden', '不支持的请求方法', 'Method not allowed'));
        if (downloads.serve(r.id, res, method === 'HEAD')) return;
        return sendError(res, 404, errorShape('not_found', '下载已失效（每个导出文件只能下载一次，十分钟内有效），请重新导出', 'The download has expired (each export can be downloaded once, within ten minutes); export again'));
      }
      case 'api_not_found':
        return sendError(res, 404, errorShape('not_found', '没有这个接口', 'No such API endpoint'));
      case 'unknown_channel':
        return sendError(res, 404, errorShape('unknown_channel', `未知的接口 ${r.name.slice(0, 80)}`, `Unknown channel ${r.name.slice(0, 80)}`));
      case 'invoke': {
        if (method !== 'POST') return sendError(res, 405, errorShape('forbidden', '接口只接受 POST', 'Channels accept POST only'));
        const type = String(req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
        // JSON only: a cross-site <form> cannot send it, so this is a second wall behind the token.
        if (type !== 'application/json') {
          return sendError(res, 415, errorShape('validation', '请求必须是 application/json', 'The request must be application/json'));
        }
        let body: Buffer;
        try {
          body = await readBody(req, limit);
        } catch (e) {
          if (e instanceof BodyTooLargeError) {
            const mb = Math.floor(limit / 1024 / 1024);
            return sendError(res, 413, errorShape('validation', `请求过大（超过 ${mb} MB），请拆分文件后再导入`, `The request is larger than ${mb} MB; split the file and import the parts`));
          }
          throw e;
        }
        const out = await dispatch(options.core.handlers, r.channel, body.toString('utf8'), invokeContext);
        return sendJson(res, out.status, out.result);
      }
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`browser host: request failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) sendError(res, 500, errorShape('internal', '内部错误，请查看程序日志', 'Internal error; see the application log'));
      else res.destroy();
    });
  });
  // Large imports over a slow disk must not be cut off; idle keep-alive sockets can go.
  server.requestTimeout = 5 * 60_000;
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    close: () => new Promise<void>((resolve, reject) => {
      for (const end of streams) end();
      streams.clear();
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    }).finally(() => downloads.close()),
  };
}
