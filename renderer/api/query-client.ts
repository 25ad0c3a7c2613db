// Renderer. The one TanStack Query client: events drive freshness, so no refetch-on-focus storms.
import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './errors';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: false,
        // Only a lost connection is worth retrying; a validation or platform error will not change by itself.
        retry: (count, error) => count < 2 && (!isApiError(error) || error.transient),
      },
      mutations: { retry: false },
    },
  });
}
