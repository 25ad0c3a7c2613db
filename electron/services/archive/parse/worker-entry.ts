// E-invoice parse worker thread (worker_threads; started by parser.ts). Answers one { id, bytes } at a time
// with { id, result }: the facts read from the PDF, or why it cannot be read. Holds nothing between files.
import { parentPort } from 'node:worker_threads';
import { readEinvoicePdf } from './read-pdf';
import type { ParseReply } from './protocol';

const port = parentPort;
if (port) {
  port.on('message', (raw: unknown) => {
    const msg = raw as { id?: unknown; bytes?: unknown };
    if (typeof msg.id !== 'number' || !(msg.bytes instanceof Uint8Array)) return;
    const id = msg.id;
    readEinvoicePdf(msg.bytes).then(
      (result) => port.postMessage({ id, result } satisfies ParseReply),
      (e: unknown) => {
        // readEinvoicePdf answers bad input itself; a throw here is a bug in the parser, said as such.
        const text = e instanceof Error ? e.message : String(e);
        port.postMessage({ id, result: { ok: false, reason: { zh: `解析程序出错：${text}`, en: `The parser failed: ${text}` } } } satisfies ParseReply);
      },
    );
  });
  port.postMessage({ ready: true });
}
