// Unit: what a chip click shows — that status alone; Ctrl/⌘-click adds or removes it.
import { describe, expect, it } from 'vitest';
import { chipSelection } from '../../../renderer/features/reconcile/StatusChips';

describe('chipSelection', () => {
  it('a plain click shows that status alone, replacing what was shown', () => {
    expect(chipSelection([], 'matched', false)).toEqual(['matched']);
    expect(chipSelection(['matched', 'split'], 'fillable', false)).toEqual(['fillable']);
    expect(chipSelection(['matched', 'split'], 'split', false)).toEqual(['split']);
  });
  it('a plain click on the one status shown alone goes back to all', () => {
    expect(chipSelection(['matched'], 'matched', false)).toEqual([]);
  });
  it('Ctrl/⌘-click adds a status or removes it', () => {
    expect(chipSelection(['matched'], 'split', true)).toEqual(['matched', 'split']);
    expect(chipSelection(['matched', 'split'], 'matched', true)).toEqual(['split']);
  });
});
