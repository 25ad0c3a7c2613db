// Import worker thread (worker_threads; started and reused by worker-client.ts). Parses and, for a commit,
// writes the file with its OWN better-sqlite3 connection to the app's database: in WAL mode the main connection
// keeps reading its snapshot meanwhile and sees the import only once its one transaction commits.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { openDatabase } from '../../db/open';
import { commitImport, previewImport } from './index';
import { workerEnvelopeSchema, type WorkerReply, type WorkerReplyEnvelope, type WorkerRequest } from './worker-protocol';

async function run(req: WorkerRequest): Promise<unknown> {
  // openDatabase also runs the migrations. The main process has applied them already, so here they only check
  // the recorded versions and checksums (the same code, so they match) and apply nothing.
  const db = openDatabase(req.dbFile);
  try {
    const file = { fileName: req.fileName, bytes: Buffer.from(req.bytes), encoding: req.encoding, mapping: req.mapping };
    if (req.kind === 'preview') return await previewImport(db, file);
    return await commitImport(db, { ...file, actor: req.actor, onConflict: req.onConflict, conflictToken: req.conflictToken });
  } finally {
    // Closing rolls back anything uncommitted (only possible after a throw, which commitImport's transaction
    // already rolled back).
    db.close();
  }
}

function errorReply(e: unknown): WorkerReply {
  if (e instanceof AppError) return { ok: false, error: e.toShape() };
  const text = e instanceof Error ? e.message : String(e);
  return {
    ok: false,
    error: {
      code: 'internal',
      message: `导入在后台线程中失败，没有写入任何数据：${text}`,
      messageEn: `The import failed in its background thread and wrote nothing: ${text}`,
    },
  };
}

const port = parentPort;
if (port) {
  port.on('message', (raw: unknown) => {
    const msg = workerEnvelopeSchema.safeParse(raw);
    if (!msg.success) {
      // Without a valid id there is nobody to answer; the main side treats the unknown id as a bug.
      port.postMessage({ id: -1, reply: errorReply(msg.error) } satisfies WorkerReplyEnvelope);
      return;
    }
    const { id, request } = msg.data;
    run(request).then(
      (value) => port.postMessage({ id, reply: { ok: true, value } } satisfies WorkerReplyEnvelope),
      (e: unknown) => port.postMessage({ id, reply: errorReply(e) } satisfies WorkerReplyEnvelope),
    );
  });
}
