// Renderer. One mutation hook per write channel; each invalidates exactly the reads it changes.
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/api/contract';
import { invoke } from './client';
import type { ApiError } from './errors';

/** Reads an invoice change makes stale (the submit breakdown, the auto plan and the 采用苏宁结果 preview follow the invoices too). */
export const INVOICE_READS: readonly Channel[] = [
  'invoices:list', 'invoices:counts', 'invoices:totals', 'invoices:get', 'invoices:countSelection', 'submit:preview', 'auto:plan', 'invoices:applySuningPreview',
  // The 概览 page's figures change with any invoice.
  'overview:get',
];
export const HISTORY_READS: readonly Channel[] = ['submissions:list', 'queries:list', 'audit:list'];

export function invalidateChannels(qc: QueryClient, channels: readonly Channel[]): Promise<void> {
  return Promise.all(channels.map((c) => qc.invalidateQueries({ queryKey: [c] }))).then(() => undefined);
}

function useChannelMutation<C extends Channel>(channel: C, invalidates: readonly Channel[], after?: (qc: QueryClient, out: ChannelOutput<C>) => void) {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<C>, ApiError, ChannelInput<C>>({
    mutationFn: (input) => invoke(channel, input),
    onSuccess: async (out) => {
      after?.(qc, out);
      await invalidateChannels(qc, invalidates);
    },
  });
}

export const useUpdateInvoice = () => useChannelMutation('invoices:update', [...INVOICE_READS, 'audit:list']);
export const useApplySuning = () => useChannelMutation('invoices:applySuning', [...INVOICE_READS, 'audit:list']);
export const useApplySuningBulk = () => useChannelMutation('invoices:applySuningBulk', [...INVOICE_READS, 'audit:list']);
export const useUndoApplySuning = () => useChannelMutation('invoices:undoApplySuning', [...INVOICE_READS, 'audit:list']);
export const useChooseSplit = () => useChannelMutation('invoices:chooseSplit', [...INVOICE_READS, 'audit:list']);
export const useSetNote = () => useChannelMutation('invoices:setNote', [...INVOICE_READS, 'audit:list']);
export const useStartQuery = () => useChannelMutation('jobs:startQuery', ['jobs:active']);
export const useStartSubmit = () => useChannelMutation('jobs:startSubmit', ['jobs:active', ...INVOICE_READS]);
export const useSubmitOverride = () => useChannelMutation('submit:override', ['jobs:active', 'audit:list', ...INVOICE_READS]);
export const useMarkFailed = () => useChannelMutation('submit:markFailed', ['jobs:active', 'audit:list', ...INVOICE_READS]);
export const useStartAuto = () => useChannelMutation('auto:start', ['jobs:active', 'audit:list'], (qc, out) => qc.setQueryData(['auto:get', { runId: out.runId }], out));
export const useCancelAuto = () => useChannelMutation('auto:cancel', ['jobs:active', 'audit:list', ...INVOICE_READS], (qc, out) => qc.setQueryData(['auto:get', { runId: out.runId }], out));
export const useCancelJob = () => useChannelMutation('jobs:cancel', ['jobs:active', 'jobs:get']);
export const useResend = () => useChannelMutation('submissions:resend', ['jobs:active', 'submissions:list', ...INVOICE_READS]);
export const useImportPreview = () => useChannelMutation('import:preview', []);
export const useImportCommit = () => useChannelMutation('import:commit', [...INVOICE_READS, ...HISTORY_READS]);
export const useExportInvoices = () => useChannelMutation('export:invoices', ['audit:list']);
export const useExportSubmissions = () => useChannelMutation('export:submissions', ['audit:list']);
export const useTestConnection = () => useChannelMutation('settings:testConnection', ['audit:list']);

const putSettings = (qc: QueryClient, out: ChannelOutput<'settings:get'>) => qc.setQueryData(['settings:get', {}], out);
// The write-back plan depends on a setting (how old a Suning answer may be), so the invoice reads follow it.
export const useUpdateSettings = () => useChannelMutation('settings:update', ['app:info', 'audit:list', ...INVOICE_READS], putSettings);
export const useSetSecret = () => useChannelMutation('settings:setSecret', ['app:info', 'audit:list'], putSettings);

export function useStartPractice() {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<'practice:start'>, ApiError, ChannelInput<'practice:start'>>({
    mutationFn: (input) => invoke('practice:start', input),
    onSuccess: async (info) => {
      qc.setQueryData(['app:info', {}], info);
      // Practice mode swaps the whole data set: nothing cached is still true.
      await qc.invalidateQueries();
    },
  });
}
