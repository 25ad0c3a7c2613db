// Types for eslint-rules/layers.js, so the TypeScript tests can read the table.
import type { Rule } from 'eslint';

export interface Layer {
  readonly name: string;
  readonly paths: readonly string[];
  readonly may: readonly string[];
  readonly owns: string;
}
export const LAYERS: readonly Layer[];
export function layerOf(relPath: string): Layer | null;
export const layersRule: Rule.RuleModule;
export const localPlugin: { readonly rules: { readonly layers: Rule.RuleModule } };
