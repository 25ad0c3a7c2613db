// Runs in the parse worker. A "zip bomb" check before pdfjs sees the file: a 1 MB Flate stream can inflate to
// gigabytes, and pdfjs keeps decoded streams in ArrayBuffers — outside the V8 heap, so the worker's heap limit
// does not stop them (seen: a 1 GB stream took the process to 3.6 GB). Every Flate-looking stream is inflated
// here with zlib's own output cap, which stops as soon as the cap is passed.
import { inflateSync } from 'node:zlib';

/** One stream may inflate to this much: a page's content or an image of an invoice is far smaller. */
export const MAX_INFLATED_STREAM_BYTES = 32 * 1024 * 1024;
/** All streams together. */
export const MAX_INFLATED_TOTAL_BYTES = 128 * 1024 * 1024;

const STREAM = Buffer.from('stream');
const END = Buffer.from('endstream');

/** The inflated size over the caps, or null when every stream stays within them. */
export function inflatedOverCap(bytes: Uint8Array): { readonly stream: number; readonly bytes: number } | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let total = 0;
  let at = 0;
  let index = 0;
  for (;;) {
    const s = buf.indexOf(STREAM, at);
    if (s === -1) return null;
    // "endstream" contains "stream": skip those, and keywords not followed by an end of line.
    if (s >= 3 && buf.subarray(s - 3, s).toString('latin1') === 'end') {
      at = s + STREAM.length;
      continue;
    }
    let start = s + STREAM.length;
    if (buf[start] === 0x0d) start++;
    if (buf[start] !== 0x0a) {
      at = start;
      continue;
    }
    start++;
    const e = buf.indexOf(END, start);
    const data = buf.subarray(start, e === -1 ? buf.length : e);
    at = e === -1 ? buf.length : e + END.length;
    index++;
    // zlib header: CMF 0x78 (deflate, 32K window) — other filters (DCT, JPX, raw) are not inflated here.
    if (data[0] !== 0x78) continue;
    const room = Math.min(MAX_INFLATED_STREAM_BYTES, MAX_INFLATED_TOTAL_BYTES - total);
    try {
      total += inflateSync(data, { maxOutputLength: room }).length;
    } catch (e) {
      if (e instanceof RangeError) return { stream: index, bytes: room };
      // Not deflate after all, or cut short (a truncated file): pdfjs decides what to make of it.
      continue;
    }
  }
}
