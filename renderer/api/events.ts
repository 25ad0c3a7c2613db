// Renderer. Main → renderer events keep the cache true: job progress is written in, invoice changes refetch (coalesced).
import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { events, type EventName, type EventPayload } from '../../shared/api/contract';
import type { JobProgress } from '../../shared/api/schemas';
import { getTransport } from './transport';
import { HISTORY_READS, INVOICE_READS, invalidateChannels } from './mutations';

/** During a bulk job changes arrive many times a second; refetching a large table that often would stall it. */
const COALESCE_MS = 1200;
const MAX_COALESCE_MS = 10_000;

/**
 * A refetch of an infinite list re-reads every loaded page, so the deeper the clerk has scrolled, the less
 * often the table is refreshed while a job runs (about 150 ms of delay per loaded page).
 */
export function coalesceDelay(qc: QueryClient): number {
  let pages = 0;
  for (const [, data] of qc.getQueriesData<{ pages?: unknown[] }>({ queryKey: ['invoices:list'] })) pages += data?.pages?.length ?? 0;
  return Math.min(MAX_COALESCE_MS, Math.max(COALESCE_MS, pages * 150));
}

function onEvent<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): () => void {
  return getTransport().on(name, (raw) => {
    const parsed = events[name].safeParse(raw);
    if (!parsed.success) {
      console.error(`invoice-recon: ignored malformed ${name} event`);
      return;
    }
    handler(parsed.data as EventPayload<E>);
  });
}

export function applyJobProgress(qc: QueryClient, p: JobProgress): void {
  qc.setQueryData(['jobs:get', { jobId: p.jobId }], p);
  qc.setQueryData<JobProgress[]>(['jobs:active', {}], (old) => {
    const list = old ?? [];
    const i = list.findIndex((j) => j.jobId === p.jobId);
    if (i === -1) return [...list, p];
    const next = list.slice();
    next[i] = p;
    return next;
  });
}

export function useLiveEvents(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastRun = 0;
    const flush = () => {
      timer = null;
      lastRun = Date.now();
      void invalidateChannels(qc, [...INVOICE_READS, ...HISTORY_READS]);
    };
    const schedule = () => {
      if (timer) return;
      const wait = Math.max(0, lastRun + coalesceDelay(qc) - Date.now());
      timer = setTimeout(flush, wait);
    };
    const offs = [
      onEvent('invoices:changed', schedule),
      onEvent('job:progress', (p) => {
        applyJobProgress(qc, p);
        // A job that just ended: show its final effect at once, not after the coalescing delay.
        if (p.state !== 'running') {
          if (timer) clearTimeout(timer);
          flush();
        }
      }),
      onEvent('auto:progress', (run) => {
        qc.setQueryData(['auto:get', { runId: run.runId }], run);
        if (run.state !== 'running') {
          if (timer) clearTimeout(timer);
          flush();
        }
      }),
      getTransport().onReconnect(() => { void qc.invalidateQueries(); }),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [qc]);
}
