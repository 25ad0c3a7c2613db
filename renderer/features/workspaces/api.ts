// Renderer. The workspaces:* reads and writes. A switch changes every store behind the contract, so nothing cached
// survives it (the page state keyed by the workspace id is dropped too, see App.tsx).
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ChannelInput, ChannelOutput } from '../../../shared/api/contract';
import { invoke } from '../../api/client';
import type { ApiError } from '../../api/errors';

/** A real workspace with no invoice yet shows its setup steps instead of an empty table. */
export function useSetupNeeded(realWorkspace: boolean): boolean {
  const counts = useQuery({ queryKey: ['invoices:counts', {}], queryFn: () => invoke('invoices:counts', {}), enabled: realWorkspace });
  return realWorkspace && counts.data?.total === 0;
}

export const useWorkspaces = () => useQuery({ queryKey: ['workspaces:list', {}], queryFn: () => invoke('workspaces:list', {}) });

async function everythingChanged(qc: QueryClient, info: ChannelOutput<'app:info'>): Promise<void> {
  qc.setQueryData(['app:info', {}], info);
  await qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'app:info' });
}

export function useSwitchWorkspace() {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<'workspaces:switch'>, ApiError, ChannelInput<'workspaces:switch'>>({
    mutationFn: (input) => invoke('workspaces:switch', input),
    onSuccess: (info) => everythingChanged(qc, info),
    // Refused (e.g. the CLI has that workspace open): the app stayed where it was, or closed; ask again.
    onError: () => void qc.invalidateQueries(),
  });
}

/** Creates a workspace and opens it; for practice, starts practice mode in it (the demo data). */
export function useCreateWorkspace() {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<'app:info'>, ApiError, ChannelInput<'workspaces:create'> & { readonly practiceOrders?: number }>({
    mutationFn: async ({ practiceOrders, ...input }) => {
      const list = await invoke('workspaces:list', {});
      const existing = input.kind === 'practice' ? list.workspaces.find((w) => w.kind === 'practice') : undefined;
      const ws = existing ?? await invoke('workspaces:create', input);
      await qc.invalidateQueries({ queryKey: ['workspaces:list'] });
      let info = await invoke('workspaces:switch', { id: ws.id });
      if (ws.kind === 'practice' && info.mode !== 'practice') info = await invoke('practice:start', { orders: practiceOrders ?? 200, seed: 1 });
      return info;
    },
    onSuccess: (info) => everythingChanged(qc, info),
  });
}

export function useRenameWorkspace() {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<'workspaces:rename'>, ApiError, ChannelInput<'workspaces:rename'>>({
    mutationFn: (input) => invoke('workspaces:rename', input),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: ['workspaces:list'] }), qc.invalidateQueries({ queryKey: ['app:info'] })]).then(() => undefined),
  });
}

export function useDeleteWorkspace() {
  const qc = useQueryClient();
  return useMutation<ChannelOutput<'workspaces:delete'>, ApiError, ChannelInput<'workspaces:delete'>>({
    mutationFn: (input) => invoke('workspaces:delete', input),
    onSuccess: (list) => void qc.setQueryData(['workspaces:list', {}], list),
  });
}
