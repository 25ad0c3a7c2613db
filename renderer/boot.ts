// Renderer. Puts the first screen's reads into the query cache before the first render (the requests themselves
// left earlier, from renderer/early.ts), so the shell and the reconcile page's first rows render in one pass
// instead of: render, effects, app:info, render, list and counts, render.
import { createQueryClient } from './api/query-client';
import { prefetchStartup } from './api/queries';
import { pageFromHash } from './app/routes';
import { INITIAL_VIEW } from './features/reconcile/view-state';
import { countsInput, listInput } from './features/reconcile/list-input';

export const client = createQueryClient();

const startup = prefetchStartup(client, pageFromHash(window.location.hash) === 'reconcile'
  ? { list: listInput(INITIAL_VIEW.filter, INITIAL_VIEW.sort), counts: countsInput(INITIAL_VIEW.filter) }
  : null);

/**
 * Resolves when the first screen's data is in (or after a short wait at most): rendering then shows the rows in
 * one pass instead of rendering the page empty and again with rows.
 */
export const settled: Promise<unknown> = Promise.race([startup, new Promise((resolve) => setTimeout(resolve, 300))]);
