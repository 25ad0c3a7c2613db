// Renderer. One query hook per read channel; keys are [channel, input] so every filter caches separately.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Channel, ChannelInput, ChannelOutput } from '../../shared/api/contract';
import { invoke } from './client';

export function queryKey<C extends Channel>(channel: C, input: ChannelInput<C>): readonly [C, ChannelInput<C>] {
  return [channel, input] as const;
}

/** `null` input: nothing to ask yet; its own key, so a disabled query never shows another input's cached answer. */
function useChannel<C extends Channel>(channel: C, input: ChannelInput<C> | null) {
  return useQuery<ChannelOutput<C>>({
    queryKey: input === null ? [channel, null] : queryKey(channel, input),
    queryFn: () => {
      if (input === null) throw new Error(`${channel}: no input`);
      return invoke(channel, input);
    },
    enabled: input !== null,
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
  return useChannel('invoices:get', id === null ? null : { id });
}

export function useJob(jobId: number | null) {
  return useChannel('jobs:get', jobId === null ? null : { jobId });
}

export function useSelectionCount(input: ChannelInput<'invoices:countSelection'> | null) {
  return useChannel('invoices:countSelection', input);
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
