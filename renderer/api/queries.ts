// Renderer. One query hook per read channel; keys are [channel, input] so every filter caches separately.
import { keepPreviousData, useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
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

/**
 * Money totals of a filter or selection. A read of its own, never part of invoices:list, so the first rows
 * never wait for a sum; the previous totals stay shown (dimmed by the caller) while new ones load.
 */
export function useInvoiceTotals(input: ChannelInput<'invoices:totals'> | null) {
  return useQuery({
    queryKey: input === null ? ['invoices:totals', null] : queryKey('invoices:totals', input),
    queryFn: () => {
      if (input === null) throw new Error('invoices:totals: no input');
      return invoke('invoices:totals', input);
    },
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}

export function useInvoiceDetail(id: number | null) {
  return useChannel('invoices:get', id === null ? null : { id });
}

export function useJob(jobId: number | null) {
  return useChannel('jobs:get', jobId === null ? null : { jobId });
}

/** What a bulk submit of the selection would send and skip, per the write-back plan (nothing is sent). */
export function useSubmitPreview(input: ChannelInput<'submit:preview'> | null) {
  return useChannel('submit:preview', input);
}

/** What the write-back plan refused or skipped in a finished submit job, per reason. */
export function usePlanOutcomes(jobId: number | null) {
  return useChannel('submit:outcomes', jobId === null ? null : { jobId });
}

export function useSelectionCount(input: ChannelInput<'invoices:countSelection'> | null) {
  return useChannel('invoices:countSelection', input);
}

/** What a bulk 采用苏宁结果 would change (the dialog shows it before anything is written). */
export function useApplySuningPreview(input: ChannelInput<'invoices:applySuningPreview'> | null) {
  return useChannel('invoices:applySuningPreview', input);
}

type Paged = 'invoices:list' | 'submissions:list' | 'queries:list' | 'audit:list';

/** One definition of a keyset-paged read, shared by the hook and the start-up prefetch (renderer/main.tsx). */
export function pagedOptions<C extends Paged>(channel: C, input: Omit<ChannelInput<C>, 'cursor'>) {
  return {
    queryKey: queryKey(channel, input as ChannelInput<C>),
    queryFn: ({ pageParam }: { pageParam: string | null }) => invoke(channel, { ...input, cursor: pageParam } as ChannelInput<C>),
    initialPageParam: null as string | null,
    getNextPageParam: (last: ChannelOutput<C>) => last.nextCursor ?? undefined,
  };
}

/** Keyset pagination: the cursor of the last page fetches the next; filters change the key, not the cursor. */
export function usePaged<C extends Paged>(channel: C, input: Omit<ChannelInput<C>, 'cursor'>) {
  return useInfiniteQuery({
    ...pagedOptions(channel, input),
    placeholderData: keepPreviousData,
  });
}

/**
 * Starts the reads the first screen needs before React and antd have even been evaluated, so the requests
 * overlap the script start-up instead of waiting for the first render's effects (and then for app:info).
 * The hooks find the answers (or the requests in flight) in the cache under the same keys.
 */
export function prefetchStartup(qc: QueryClient, reconcile: { list: Omit<ChannelInput<'invoices:list'>, 'cursor'>; counts: ChannelInput<'invoices:counts'> } | null): Promise<unknown> {
  const info = qc.prefetchQuery({ queryKey: queryKey('app:info', {}), queryFn: () => invoke('app:info', {}) });
  void qc.prefetchQuery({ queryKey: queryKey('settings:get', {}), queryFn: () => invoke('settings:get', {}) });
  void qc.prefetchQuery({ queryKey: queryKey('jobs:active', {}), queryFn: () => invoke('jobs:active', {}) });
  if (!reconcile) return info;
  const list = qc.prefetchInfiniteQuery(pagedOptions('invoices:list', reconcile.list));
  void qc.prefetchQuery({ queryKey: queryKey('invoices:counts', reconcile.counts), queryFn: () => invoke('invoices:counts', reconcile.counts) });
  return Promise.all([info, list]);
}

/** 自动处理's plan screen: what each phase would take on over the selection, and what is left for the clerk. */
export function useAutoPlan(input: ChannelInput<'auto:plan'> | null) {
  return useChannel('auto:plan', input);
}

/** One 自动处理 run; kept current by the auto:progress events (renderer/api/events.ts). */
export function useAutoRun(runId: number | null) {
  return useChannel('auto:get', runId === null ? null : { runId });
}
