// Main process. Handlers of the import:* channels.
import type { HandlerTable } from '../../../shared/api/contract';
import { commitImportInWorker, previewImportInWorker } from '../import/worker-client';
import type { CoreServices } from '../core-services';

type ImportHandlers = Pick<HandlerTable, 'import:preview' | 'import:commit'>;

export function importHandlers(s: CoreServices): ImportHandlers {
  return {
    // Both run in a worker thread with its own connection (electron/services/import/worker-client.ts): parsing
    // 100,000 rows and their one transaction would otherwise block this event loop for seconds.
    async 'import:preview'(input) {
      return previewImportInWorker({
        dbFile: s.db.name, fileName: input.fileName, bytes: Buffer.from(input.contentBase64, 'base64'), encoding: input.encoding, mapping: input.mapping,
      });
    },
    async 'import:commit'(input) {
      // The import holds the write gate: this thread's own writers wait for it asynchronously rather than in
      // better-sqlite3's synchronous busy wait, and a second import queues behind the first.
      const result = await s.writeGate.exclusive(() => commitImportInWorker({
        dbFile: s.db.name,
        fileName: input.fileName,
        bytes: Buffer.from(input.contentBase64, 'base64'),
        encoding: input.encoding,
        mapping: input.mapping,
        onConflict: input.onConflict,
        conflictToken: input.conflictToken,
        actor: s.actor,
      }));
      if (result.inserted + result.updated > 0) s.emit('invoices:changed', { reason: 'import' });
      return result;
    },
  };
}
