// Runs everywhere. The ONE contract between the renderer and the main process: channel → schemas.
import { z } from 'zod';
import * as s from './schemas';
import * as ws from './workspaces';
import { invoiceRowSchema } from '../domain/invoice';
import { autoPlanSchema, planOutcomesSchema, submitPreviewSchema } from '../domain/plan';
import { autoGetInput, autoRunIdInput, autoRunSchema } from '../domain/auto';
import { overviewInput, overviewOutput } from './overview';

function channel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output } as const;
}

export const contract = {
  'app:info': channel(s.emptyInput, s.appInfoSchema),

  'invoices:list': channel(s.invoicesListInput, s.invoicesListOutput),
  'invoices:counts': channel(s.invoiceFilterSchema.omit({ reconStatus: true, submitState: true }), s.invoicesCountsOutput),
  'invoices:get': channel(s.idInput, s.invoiceDetailSchema),
  'invoices:update': channel(s.invoicesUpdateInput, invoiceRowSchema),
  'invoices:applySuning': channel(s.idInput, invoiceRowSchema),
  'invoices:applySuningPreview': channel(s.applySuningPreviewInput, s.applySuningPreviewOutput),
  'invoices:applySuningBulk': channel(s.applySuningBulkInput, s.applySuningBulkOutput),
  'invoices:undoApplySuning': channel(s.applySuningUndoInput, s.applySuningUndoOutput),
  'invoices:chooseSplit': channel(s.chooseSplitInput, invoiceRowSchema),
  'invoices:setNote': channel(s.setNoteInput, invoiceRowSchema),
  'invoices:countSelection': channel(z.object({ selection: s.selectionSchema }).strict(), z.object({ count: z.number().int() })),
  'invoices:totals': channel(s.invoicesTotalsInput, s.invoiceTotalsSchema),

  'overview:get': channel(overviewInput, overviewOutput),

  'import:preview': channel(s.importFileInput, s.importPreviewOutput),
  'import:commit': channel(s.importFileInput, s.importCommitOutput),

  'export:invoices': channel(s.exportInput, s.exportOutput),
  'export:submissions': channel(s.submissionsExportInput, s.exportOutput),

  'jobs:startQuery': channel(s.jobStartInput, s.jobStartOutput),
  // Archive (issue 15): download + verify the e-invoice files of a selection (progress on job:progress, kind
  // 'archive'); export:archive writes the ZIP of the current filter where the host's SaveTarget says.
  'archive:start': channel(s.jobStartInput, s.jobStartOutput),
  'export:archive': channel(s.exportArchiveInput, s.exportOutput),
  // 打开原件: the host shows one stored file (Electron: the system's viewer; browser host: a one-time download).
  'archive:open': channel(s.archiveOpenInput, s.archiveOpenOutput),
  'jobs:startSubmit': channel(s.jobStartInput, s.jobStartOutput),
  'jobs:get': channel(s.jobIdInput, s.jobProgressSchema),
  'submit:preview': channel(s.jobStartInput, submitPreviewSchema),
  'submit:override': channel(s.submitOverrideInput, s.jobStartOutput),
  'submit:markFailed': channel(s.submitMarkFailedInput, s.submitMarkFailedOutput),
  'auto:plan': channel(s.jobStartInput, autoPlanSchema),
  'auto:start': channel(s.jobStartInput, autoRunSchema),
  'auto:get': channel(autoGetInput, autoRunSchema.nullable()),
  'auto:cancel': channel(autoRunIdInput, autoRunSchema),
  'submit:outcomes': channel(s.jobIdInput, planOutcomesSchema),
  'jobs:active': channel(s.emptyInput, z.array(s.jobProgressSchema)),
  'jobs:cancel': channel(s.jobIdInput, s.jobProgressSchema),

  'submissions:list': channel(s.submissionsListInput, s.submissionsListOutput),
  'submissions:resend': channel(s.idInput, z.object({ jobId: z.number().int(), total: z.number().int() })),
  'queries:list': channel(s.queriesListInput, s.queriesListOutput),
  'audit:list': channel(s.auditListInput, s.auditListOutput),

  'settings:get': channel(s.emptyInput, s.settingsViewSchema),
  'settings:update': channel(s.settingsPatchSchema, s.settingsViewSchema),
  'settings:setSecret': channel(s.setSecretInput, s.settingsViewSchema),
  'settings:testConnection': channel(s.platformInput, s.connectionVerdictSchema),

  // Workspaces (账套): each its own store, settings and secrets; switching closes one core and opens the other.
  'workspaces:list': channel(s.emptyInput, ws.workspacesListOutput),
  'workspaces:create': channel(ws.workspaceCreateInput, ws.workspaceSchema),
  'workspaces:rename': channel(ws.workspaceRenameInput, ws.workspaceSchema),
  'workspaces:delete': channel(ws.workspaceDeleteInput, ws.workspacesListOutput),
  'workspaces:switch': channel(ws.workspaceSwitchInput, s.appInfoSchema),

  'practice:start': channel(z.object({ orders: z.number().int().min(10).max(100_000).default(200), seed: z.number().int().default(1) }).strict(), s.appInfoSchema),
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
/** What the caller passes (defaults not yet applied). */
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
/** What the handler receives (after parsing). */
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed main → renderer over the same contract. */
export const events = {
  'job:progress': s.jobProgressSchema,
  'auto:progress': autoRunSchema,
  'invoices:changed': s.invoicesChangedEvent,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Who is calling; hosts fill this in. */
export interface CallContext {
  readonly host: 'electron' | 'browser' | 'cli';
  /** Where this host lets the main process write a file the clerk asked for (exports). */
  readonly saveTarget?: SaveTarget;
  /** How this host shows the clerk a stored file (打开原件); absent where it cannot (the CLI). */
  readonly fileOpener?: FileOpener;
}

/**
 * A host's answer to "show the clerk this stored file": the main process names a file inside `root` (the data
 * folder's archive); the host checks it lies there before it opens it or offers it for download.
 */
export interface FileOpener {
  open(file: { readonly root: string; readonly path: string; readonly fileName: string }): Promise<{ readonly downloadUrl: string } | null>;
}

/** A host's answer to "where does this file go": the main process writes it there, nothing travels as bytes. */
export interface SaveTarget {
  /** An absolute path to write a file the clerk will know as `suggestedName`; null when they cancelled. */
  choose(suggestedName: string): Promise<string | null>;
  /** Once the file is complete at `path`: where the page fetches it (the browser host), or null. */
  saved?(path: string): Promise<{ readonly downloadUrl: string } | null>;
}

export type Handler<C extends Channel> = (input: ParsedInput<C>, ctx: CallContext) => Promise<ChannelOutput<C>>;
export type HandlerTable = { readonly [C in Channel]: Handler<C> };

/** The one function every host's renderer-side client implements. */
export interface ApiBridge {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, callback: (payload: unknown) => void): () => void;
}
