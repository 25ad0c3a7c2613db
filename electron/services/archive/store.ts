// Main process. The content-addressed archive of e-invoice files: `<data>/archive/ab/abcdef….pdf`, named by the
// SHA-256 of their bytes. A download streams into a temporary file under `<data>/archive/tmp/` while it is
// hashed; only complete bytes are fsynced and renamed to their hash (rename is atomic on one file system), and
// the directory is fsynced after, so a file that exists under a hash is whole — a crash mid-download leaves at
// most a `.part` file in tmp/, which the next run removes.
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, open, readdir, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { PdfSink } from '../../http/file-download';

const SHA256 = /^[0-9a-f]{64}$/;

export interface FileStore {
  readonly root: string;
  /** Where a file of this hash lives (whether or not it is there). */
  pathOf(sha256: string): string;
  /** Whether a complete file of this hash is stored (asynchronous: never a synchronous stat on the main loop). */
  has(sha256: string): Promise<boolean>;
  /** A temporary file to stream a download into (PdfSink). */
  openTemp(): Promise<PdfSink>;
  /** Removes temporary files a killed process left behind; returns how many. Only while nothing downloads. */
  sweepTemp(): Promise<number>;
}

async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const h = await open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export function archiveRoot(dataDir: string): string {
  return path.join(dataDir, 'archive');
}

export function createFileStore(root: string): FileStore {
  const tmp = path.join(root, 'tmp');
  // Directories known to exist: one mkdir per directory per process, not one per file.
  const made = new Set<string>();
  async function ensureDir(dir: string): Promise<void> {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    made.add(dir);
  }
  function pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
    return path.join(root, sha256.slice(0, 2), `${sha256}.pdf`);
  }

  async function openTemp(): Promise<PdfSink> {
    await ensureDir(tmp);
    const file = path.join(tmp, `${randomBytes(12).toString('hex')}.part`);
    const handle: FileHandle = await open(file, 'wx', 0o600);
    const hash = createHash('sha256');
    let size = 0;
    let closed = false;
    const close = async (): Promise<void> => {
      if (closed) return;
      closed = true;
      await handle.close();
    };
    return {
      async write(chunk) {
        hash.update(chunk);
        size += chunk.length;
        let off = 0;
        while (off < chunk.length) {
          const { bytesWritten } = await handle.write(chunk, off, chunk.length - off);
          off += bytesWritten;
        }
      },
      async commit() {
        await handle.sync();
        await close();
        const sha256 = hash.digest('hex');
        const dest = pathOf(sha256);
        const dir = path.dirname(dest);
        await ensureDir(dir);
        if (await exists(dest)) {
          // The same bytes are already stored (another invoice, another link): keep that copy — replacing it
          // would fail on Windows while the clerk has it open.
          await rm(file, { force: true });
        } else {
          await rename(file, dest);
          await fsyncDir(dir);
        }
        return { sha256, size };
      },
      async discard() {
        await close();
        await rm(file, { force: true });
      },
    };
  }

  return {
    root,
    pathOf,
    has: (sha256) => (SHA256.test(sha256) ? exists(pathOf(sha256)) : Promise.resolve(false)),
    openTemp,
    async sweepTemp() {
      let names: string[];
      try {
        names = await readdir(tmp);
      } catch {
        return 0;
      }
      const parts = names.filter((n) => n.endsWith('.part'));
      await Promise.all(parts.map((n) => rm(path.join(tmp, n), { force: true })));
      return parts.length;
    },
  };
}
