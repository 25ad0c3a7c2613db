// Renderer. The archive's write channels (issue 15) as mutation hooks, each invalidating what it changes.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '../../../../shared/api/contract';
import { invoke } from '../../../api/client';
import type { ApiError } from '../../../api/errors';
import { invalidateChannels } from '../../../api/mutations';

function useArchiveMutation<C extends Channel>(channel: C, invalidates: readonly Channel[]) {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<C>, ApiError, ChannelInput<C>>({
    mutationFn: (input) => invoke(channel, input),
    onSuccess: async () => { await invalidateChannels(qc, invalidates); },
  });
}

/** 下载原件并核对: an 'archive' job; its progress arrives on job:progress like the query job's. */
export const useStartArchive = () => useArchiveMutation('archive:start', ['jobs:active', 'audit:list']);
/** 导出原件 ZIP of the current filter. */
export const useExportArchive = () => useArchiveMutation('export:archive', ['audit:list']);
/** 打开原件: the host opens it (Electron) or answers a one-time download URL (browser host). */
export const useOpenArchived = () => useArchiveMutation('archive:open', []);
