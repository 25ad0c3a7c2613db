// Main process. Gathers many small strings as UTF-8 in one reused buffer and hands the bytes on in large
// pieces. Joining a turn's rows into one string first made a flat copy of several hundred KB each time, and
// strings that large are allocated straight in V8's old generation: over a 100,000-row XLSX that was ~130 MB
// of old-space garbage and a full (pausing) garbage collection every second or so.

/** Receives the batch's bytes; must copy them before returning, as the buffer is reused at once. */
export type CopyingSink = (bytes: Buffer) => void;

/** Bytes per piece handed on; a few of exceljs's 64 KiB zip-input buffers. */
export const UTF8_BATCH_BYTES = 256 * 1024;

export class Utf8Batch {
  private readonly buf: Buffer;
  private used = 0;

  constructor(private readonly sink: CopyingSink, capacity: number = UTF8_BATCH_BYTES) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  add(text: string): void {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8 (a surrogate pair takes 4 for 2 units).
    const most = text.length * 3;
    if (most > this.buf.length - this.used) {
      this.flush();
      if (most > this.buf.length) {
        this.sink(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buf.write(text, this.used, 'utf8');
  }

  flush(): void {
    if (this.used === 0) return;
    this.sink(this.buf.subarray(0, this.used));
    this.used = 0;
  }
}
