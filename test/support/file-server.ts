// Test helper (Node). A real HTTP server on loopback that serves e-invoice files the hostile ways the archive
// must survive, and records every request (path and headers) it saw.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export type Route = (res: ServerResponse, url: URL) => void;

export interface FileServer {
  readonly base: string;
  readonly seen: SeenRequest[];
  route(path: string, handler: Route): void;
  close(): Promise<void>;
}

/** A small valid-looking PDF (header, one object, trailer, %%EOF) whose bytes differ by `label`. */
export function tinyPdf(label: string, padTo = 0): Buffer {
  const body = `%PDF-1.7\n1 0 obj\n<< /Title (${label}) >>\nendobj\n`;
  const pad = padTo > body.length ? '%'.repeat(padTo - body.length) + '\n' : '';
  return Buffer.from(`${body}${pad}trailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

export async function startFileServer(): Promise<FileServer> {
  const routes = new Map<string, Route>();
  const seen: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    seen.push({ path: url.pathname, headers: req.headers });
    const r = routes.get(url.pathname);
    if (!r) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no such route');
      return;
    }
    r(res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    seen,
    route: (p, h) => void routes.set(p, h),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

export const pdfRoute = (bytes: Buffer, contentType = 'application/pdf'): Route => (res) => {
  res.writeHead(200, { 'content-type': contentType, 'content-length': String(bytes.length) }).end(bytes);
};
