// Main process. Handlers of the archive:* channels (issue 15): start the archive job; the ZIP hand-over is
// export:archive (handlers/export.ts).
import type { HandlerTable } from '../../../shared/api/contract';
import type { CoreServices } from '../core-services';
import { writes } from './behaviour';

type ArchiveHandlers = Pick<HandlerTable, 'archive:start'>;

export function archiveHandlers(s: CoreServices): ArchiveHandlers {
  return {
    'archive:start': writes(async (input) => s.archive.start(input.selection)),
  };
}
