// Benchmark child (plain Node): a file host for the archive bench, in its own process so neither rendering nor
// serving costs the measured process anything but the network. Renders the KINDS real e-invoice PDFs of
// archive-files.ts, then serves /f/<i>.pdf as PDF i mod KINDS with `%bench <i>` appended after %%EOF, so every
// file has its own bytes (and hash) and must be stored and parsed on its own; every answer waits `latencyMs`
// (argv[2]) first.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderEinvoicePdf } from '../../electron/sandbox/einvoice-pdf';
import { KINDS, pdfInputOf } from './archive-files';

const latencyMs = Number(process.argv[2] ?? '30');
const pdfs: Buffer[] = [];
for (let k = 0; k < KINDS; k++) pdfs.push(await renderEinvoicePdf(pdfInputOf(k)));
let served = 0;
const server = createServer((req, res) => {
  const m = /^\/f\/(\d+)\.pdf$/.exec(req.url ?? '');
  setTimeout(() => {
    if (!m || pdfs.length === 0) {
      res.writeHead(404).end();
      return;
    }
    const i = Number(m[1]);
    const body = Buffer.concat([pdfs[i % pdfs.length] as Buffer, Buffer.from(`%bench ${i}\n`, 'latin1')]);
    served++;
    res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(body.length) }).end(body);
  }, latencyMs);
});
server.keepAliveTimeout = 10_000;
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on('message', (msg: { type: string }) => {
  if (msg.type === 'stats') process.send?.({ type: 'stats', served });
  if (msg.type === 'close') server.close(() => process.exit(0));
});
