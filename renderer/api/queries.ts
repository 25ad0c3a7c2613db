// Renderer. One query hook per read channel; keys are [channel, input] so every filter caches separately.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/api/contract';
import { invoke } from './client';

export function queryKey<C extends Channel>(channel: C, input: ChannelInput<C>): readonly [C, ChannelInput<C>] {
  return [channel, input] as const;
}

function useChannel<C extends Channel>(channel: C, input: ChannelInput<C>, enabled = true) {
  return useQuery<ChannelOutput<C>>({
    queryKey: queryKey(channel, input),
    queryFn: () => invoke(channel, input),
    enabled,
  });
}

export const useAppInfo = () => useChannel('app:info', {});
export const useSettings = () => useChannel('settings:get', {});
export const useActiveJobs = () => useChannel('jobs:active', {});

export function useInvoiceCounts(input: ChannelInput<'invoices:counts'>) {
  return useQuery({
    queryKey: queryKey('invoices:counts', input),
    queryFn: () => invoke('invoices:counts', input),
    placeholderData: keepPreviousData,
  });
}

export function useInvoiceDetail(id: number | null) {
  return useChannel('invoices:get', { id: id ?? 1 }, id !== null);
}

export function useJob(jobId: number | null) {
  return useChannel('jobs:get', { jobId: jobId ?? 1 }, jobId !== null);
}

export function useSelectionCount(input: ChannelInput<'invoices:countSelection'> | null) {
  return useQuery({
    queryKey: queryKey('invoices:countSelection', input ?? { selection: { kind: 'filter', filter: {} } }),
    queryFn: () => invoke('invoices:countSelection', input ?? { selection: { kind: 'filter', filter: {} } }),
    enabled: input !== null,
  });
}

type Paged = 'invoices:list' | 'submissions:list' | 'queries:list' | 'audit:list';

/** Keyset pagination: the cursor of the last page fetches the next; filters change the key, not the cursor. */
export function usePaged<C extends Paged>(channel: C, input: Omit<ChannelInput<C>, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: queryKey(channel, input as ChannelInput<C>),
    queryFn: ({ pageParam }) => invoke(channel, { ...input, cursor: pageParam } as ChannelInput<C>),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ChannelOutput<C>) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
