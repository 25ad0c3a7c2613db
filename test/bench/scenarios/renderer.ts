// Benchmark (plain Node). Placeholder until the renderer scenario is written.
import type { BenchContext } from '../context';
import type { ScenarioResult } from '../result';
import type { Store } from '../store';

export async function rendererScenario(_ctx: BenchContext, _store: Store): Promise<ScenarioResult[]> {
  return [];
}
