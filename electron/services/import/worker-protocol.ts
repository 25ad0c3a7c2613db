// Main process and the import worker thread. The messages between them: requests (the file bytes transferred,
// not copied) and one reply to each, matched by id, which the main side validates because a malformed reply is
// a bug to report as an AppError, not a crash.
import { z } from 'zod';
import { appErrorSchema } from '../../../shared/errors';
import { importCommitOutput, importPreviewOutput } from '../../../shared/api/schemas';
import type { EncodingChoice } from './decode';
import type { ImportMapping } from './mapping';

export interface WorkerRequest {
  readonly kind: 'preview' | 'commit';
  /** The database file the main connection has open (already migrated). */
  readonly dbFile: string;
  readonly fileName: string;
  /** The whole file; transferred to the worker, so the caller's copy is detached afterwards. */
  readonly bytes: ArrayBuffer;
  readonly encoding?: EncodingChoice;
  readonly mapping?: ImportMapping;
  /** Who the audit log names (commit only). */
  readonly actor: string;
  /** Commit only: the re-import conflict choice and the preview's token (services/import/conflicts.ts). */
  readonly onConflict?: 'keep' | 'take';
  readonly conflictToken?: string;
}

export const workerRequestSchema = z.object({
  kind: z.enum(['preview', 'commit']),
  dbFile: z.string().min(1),
  fileName: z.string().min(1),
  bytes: z.instanceof(ArrayBuffer),
  encoding: z.enum(['auto', 'utf-8', 'gb18030']).optional(),
  mapping: z.record(z.string(), z.string()).optional(),
  actor: z.string(),
  onConflict: z.enum(['keep', 'take']).optional(),
  conflictToken: z.string().optional(),
});

// blankRows is not (yet) in the shared output schemas; the worker's reply carries it so nothing is lost.
export const workerCommitValue = importCommitOutput.extend({ blankRows: z.number().int() });
export const workerPreviewValue = importPreviewOutput.extend({ blankRows: z.number().int() });
export type WorkerCommitValue = z.infer<typeof workerCommitValue>;
export type WorkerPreviewValue = z.infer<typeof workerPreviewValue>;

/** What the worker posts back exactly once: the value, or the error as it crosses every other boundary. */
export const workerReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);
export type WorkerReply = z.infer<typeof workerReplySchema>;

export interface WorkerEnvelope {
  readonly id: number;
  readonly request: WorkerRequest;
}
export const workerEnvelopeSchema = z.object({ id: z.number().int(), request: workerRequestSchema });

export const workerReplyEnvelope = z.object({ id: z.number().int(), reply: workerReplySchema });
export interface WorkerReplyEnvelope {
  readonly id: number;
  readonly reply: WorkerReply;
}
