// Main process. The one atomic file writer: writes to a temporary file beside the target and renames it only
// once complete, so a failed or cancelled write never leaves a half-written file under the name the clerk chose
// (exports, the sandbox's ERP CSV).
import { createWriteStream, type WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

async function closed(stream: WriteStream): Promise<void> {
  if (stream.closed) return;
  await once(stream, 'close');
}

/** `write` must end the stream it is given (pipeline and the XLSX writer both do). */
export async function writeFileAtomically(path: string, write: (out: WriteStream) => Promise<void>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  const out = createWriteStream(tmp, { flags: 'wx' });
  try {
    await write(out);
    await closed(out);
    await rename(tmp, path);
  } catch (err) {
    out.destroy();
    await closed(out).catch(() => undefined);
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The same for bytes already in memory. */
export function writeBytesAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  return writeFileAtomically(path, (out) => new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(bytes, () => resolve());
  }));
}
