// Main process (browser host). The browser host's SaveTarget: an export is written to a private temporary file,
// and the page fetches it once from an unguessable URL (GET /api/download/<id>, host token in the query as for
// events) — the bytes go over plain HTTP to the browser's own download manager, never through the contract.
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SaveTarget } from '../../../shared/api/contract';
import { SECURITY_HEADERS } from './responses';

export const DOWNLOAD_PREFIX = '/api/download/';
/** An export not fetched within this time is deleted. */
export const DOWNLOAD_TTL_MS = 10 * 60_000;

const MIME: Readonly<Record<string, string>> = {
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
};

interface Entry {
  readonly file: string;
  ready: boolean;
  readonly timer: NodeJS.Timeout;
}

export interface Downloads {
  readonly target: SaveTarget;
  /** Streams the file once and forgets it; false when the id is unknown, expired or not finished. */
  serve(id: string, res: ServerResponse, headOnly: boolean): boolean;
  close(): Promise<void>;
}

/** `filename*` carries the Chinese name; the plain `filename` an ASCII stand-in for old clients. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function createDownloads(ttlMs = DOWNLOAD_TTL_MS): Downloads {
  let root: Promise<string> | null = null;
  const entries = new Map<string, Entry>();

  function forget(id: string): void {
    const e = entries.get(id);
    if (!e) return;
    clearTimeout(e.timer);
    entries.delete(id);
    void rm(path.dirname(e.file), { recursive: true, force: true });
  }

  const target: SaveTarget = {
    async choose(suggestedName) {
      root ??= mkdtemp(path.join(os.tmpdir(), 'invoice-recon-downloads-'));
      const id = randomBytes(24).toString('base64url');
      // One folder per export, so the file keeps the name the clerk sees and ids never collide.
      const dir = path.join(await root, id);
      await mkdir(dir);
      const file = path.join(dir, path.basename(suggestedName));
      const timer = setTimeout(() => forget(id), ttlMs);
      timer.unref();
      entries.set(id, { file, ready: false, timer });
      return file;
    },
    async saved(file) {
      const id = path.basename(path.dirname(file));
      const e = entries.get(id);
      if (!e || e.file !== file) return null;
      e.ready = true;
      return { downloadUrl: `${DOWNLOAD_PREFIX}${id}` };
    },
  };

  return {
    target,
    serve(id, res, headOnly) {
      const e = entries.get(id);
      if (!e || !e.ready) return false;
      const name = path.basename(e.file);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
        'Content-Disposition': contentDisposition(name),
        'Cache-Control': 'no-store',
      });
      if (headOnly) {
        res.end();
        return true;
      }
      const stream = createReadStream(e.file);
      stream.on('error', () => res.destroy());
      // One-time: the file goes once it has been sent (or the client went away).
      res.on('close', () => forget(id));
      stream.pipe(res);
      return true;
    },
    async close() {
      for (const id of [...entries.keys()]) forget(id);
      if (root) await rm(await root, { recursive: true, force: true });
    },
  };
}
