// Main process. The plain node:http plumbing both emulators share: listen on loopback, track sockets and timers so
// close() really ends everything (hanging requests included), read bodies, and answer with a server-clock Date.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BodyFault } from './faults';

export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Bodies above this are refused: no real request to these APIs comes near it. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export class EmulatorServer {
  private readonly server: Server;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closing: Promise<void> | null = null;
  url = '';

  constructor(handler: Handler) {
    this.server = createServer((req, res) => {
      handler(req, res).catch((error: unknown) => {
        // The client went away mid-request (a client-side timeout): nobody is left to answer.
        if (req.destroyed || res.destroyed) {
          res.destroy();
          return;
        }
        // Otherwise a bug in the emulator itself: make it loud in the test output and answer like a crashed server.
        console.error('emulator handler failed', error);
        if (!res.headersSent) {
          res.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' });
          res.end(htmlErrorPage(500));
        } else {
          res.destroy();
        }
      });
    });
  }

  async listen(port: number): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const address = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${address.port}`;
    return this.url;
  }

  /** Waits ms unless the server closes first (then never resolves: the socket is gone anyway). */
  delay(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  close(): Promise<void> {
    if (this.closing) return this.closing;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.closing = new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // Destroys hanging and keep-alive sockets so the close completes and tests end.
      this.server.closeAllConnections();
    });
    return this.closing;
  }
}

/** Reads the whole body; null when it exceeds MAX_BODY_BYTES. */
export async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * The request preamble both emulators share: 404 for a path the API does not serve, 405 for anything but POST,
 * 413 for a body over MAX_BODY_BYTES. Answers the request itself and returns null in those cases, else the body.
 */
export async function acceptPost(req: IncomingMessage, res: ServerResponse, pathServed: boolean, serverNowMs: () => number): Promise<Buffer | null> {
  if (!pathServed) {
    req.resume();
    sendHtml(res, 404, serverNowMs());
    return null;
  }
  if (req.method !== 'POST') {
    req.resume();
    sendHtml(res, 405, serverNowMs(), { Allow: 'POST' });
    return null;
  }
  const body = await readBody(req);
  if (body === null) {
    sendHtml(res, 413, serverNowMs(), { Connection: 'close' });
    return null;
  }
  return body;
}

export function httpDate(epochMs: number): string {
  return new Date(epochMs).toUTCString();
}

/** Answers with an explicit Date from the emulated server clock (Node would otherwise stamp the real one). */
export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, serverNowMs: number, extra?: Readonly<Record<string, string>>): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, {
    Date: httpDate(serverNowMs),
    'Content-Type': contentType,
    'Content-Length': String(bytes.length),
    ...extra,
  });
  res.end(bytes);
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  404: 'Not Found',
  405: 'Not Allowed',
  413: 'Request Entity Too Large',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** The page nginx shows in front of a broken upstream. */
export function htmlErrorPage(status: number): string {
  const text = STATUS_TEXT[status] ?? 'Error';
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

export function sendHtml(res: ServerResponse, status: number, serverNowMs: number, extra?: Readonly<Record<string, string>>): void {
  send(res, status, 'text/html; charset=utf-8', htmlErrorPage(status), serverNowMs, { Server: 'nginx', ...extra });
}

/** Applies a body fault to a real answer: '' / the first half of the bytes / a syntactically broken variant. */
export function corruptBody(body: string, fault: BodyFault, malformed: string): Buffer {
  switch (fault) {
    case 'empty_body':
      return Buffer.alloc(0);
    case 'truncated_body': {
      const bytes = Buffer.from(body, 'utf8');
      return bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2)));
    }
    case 'malformed_body':
      return Buffer.from(malformed, 'utf8');
  }
}

export function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
}

/** Lower-cased single-valued headers. */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(req.headers)) {
    if (typeof v === 'string') out[k] = v;
    else if (Array.isArray(v)) out[k] = v.join(', ');
  }
  return out;
}
