// Node (Vitest). The workspace registry: names (free text, validated), duplicates, ids that are safe folder
// names, the file written whole and refused (never replaced) when damaged.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EMPTY_REGISTRY, PRACTICE_ID, readRegistry, registryFile, resolveWorkspace, withNewWorkspace, withoutWorkspace, withRenamed, workspaceDir, writeRegistry,
} from '../../../../electron/services/workspaces/registry';
import { AppError } from '../../../../shared/errors';
import { tempDir } from '../../../support/core-harness';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => { while (dirs.length > 0) dirs.pop()?.remove(); });

function codeOf(fn: () => unknown): { code: string; zh: string; en: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, zh: e.messageZh, en: e.messageEn };
    throw e;
  }
  throw new Error('did not throw');
}

describe('workspace names', () => {
  it('trims and keeps free text, Chinese included', () => {
    const { workspace } = withNewWorkspace(EMPTY_REGISTRY, { name: '  杭州某某商贸 (C店)  ', kind: 'real' });
    expect(workspace.name).toBe('杭州某某商贸 (C店)');
  });

  it.each([
    ['', '请填写账套名称'],
    ['   ', '请填写账套名称'],
    ['a'.repeat(41), '最多 40 个字符'],
    ['两行\n名称', '控制字符'],
    ['tab\there', '控制字符'],
    ['bad \ud800 half', '账套名称'],
  ])('refuses %j with a message in both languages', (name, zh) => {
    const e = codeOf(() => withNewWorkspace(EMPTY_REGISTRY, { name, kind: 'real' }));
    expect(e.code).toBe('validation');
    expect(e.zh).toContain(zh);
    expect(e.en).toMatch(/[A-Za-z]/);
    expect(e.en).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a duplicate name, also differing only in case, width of spaces around it or Unicode form', () => {
    const a = withNewWorkspace(EMPTY_REGISTRY, { name: 'Shop Café', kind: 'real' }).registry;
    for (const dup of ['shop café', ' SHOP CAFÉ ', 'Shop Cafe\u0301']) {
      const e = codeOf(() => withNewWorkspace(a, { name: dup, kind: 'real' }));
      expect(e.code).toBe('conflict');
      expect(e.zh).toContain('Shop Café');
    }
  });

  it('rename refuses another workspace\'s name but may keep its own (in another case)', () => {
    let r = withNewWorkspace(EMPTY_REGISTRY, { name: 'A', kind: 'real' }).registry;
    const b = withNewWorkspace(r, { name: 'B', kind: 'real' });
    r = b.registry;
    expect(codeOf(() => withRenamed(r, b.workspace.id, 'a')).code).toBe('conflict');
    expect(withRenamed(r, b.workspace.id, 'b').workspace.name).toBe('b');
  });
});

describe('workspace ids', () => {
  it('are safe folder names: practice has a fixed one, real ones ws-<hex>, never repeated', () => {
    let r = EMPTY_REGISTRY;
    const seq = ['aaaa0001', 'aaaa0001', 'bbbb0002'];
    const random = () => seq.shift() ?? 'cccc0003';
    const one = withNewWorkspace(r, { name: 'one', kind: 'real' }, { random });
    r = one.registry;
    const two = withNewWorkspace(r, { name: 'two', kind: 'real' }, { random });
    r = two.registry;
    const p = withNewWorkspace(r, { name: '练习', kind: 'practice' });
    expect([one.workspace.id, two.workspace.id, p.workspace.id]).toEqual(['ws-aaaa0001', 'ws-bbbb0002', PRACTICE_ID]);
  });

  it('only one practice workspace', () => {
    const r = withNewWorkspace(EMPTY_REGISTRY, { name: '练习', kind: 'practice' }).registry;
    expect(codeOf(() => withNewWorkspace(r, { name: '练习二', kind: 'practice' })).code).toBe('conflict');
  });

  it('a path never comes from an unsafe id', () => {
    for (const bad of ['..', '../x', 'a/b', 'A', '', '.hidden', 'x'.repeat(41)]) expect(() => workspaceDir('/data', bad)).toThrow(/unsafe workspace id/);
    expect(workspaceDir('/data', 'ws-1a')).toBe(path.join('/data', 'workspaces', 'ws-1a'));
  });
});

describe('resolving --workspace', () => {
  const r0 = withNewWorkspace(EMPTY_REGISTRY, { name: '甲商户', kind: 'real' }, { random: () => '00000001' }).registry;
  const r = withNewWorkspace(r0, { name: 'Shop B', kind: 'real' }, { random: () => '00000002' }).registry;

  it('by id or by name (as names compare)', () => {
    expect(resolveWorkspace(r, 'ws-00000002').name).toBe('Shop B');
    expect(resolveWorkspace(r, ' shop b ').id).toBe('ws-00000002');
    expect(resolveWorkspace(r, '甲商户').id).toBe('ws-00000001');
  });

  it('an unknown name names the available workspaces in both languages', () => {
    const e = codeOf(() => resolveWorkspace(r, 'nope'));
    expect(e.code).toBe('workspace.unknown');
    expect(e.zh).toContain('“nope”');
    expect(e.zh).toContain('“甲商户”（ws-00000001）');
    expect(e.en).toContain('Available workspaces: “甲商户” (ws-00000001), “Shop B” (ws-00000002)');
  });

  it('delete forgets the last used one with it', () => {
    const used = { ...r, lastUsed: 'ws-00000001' };
    const after = withoutWorkspace(used, 'ws-00000001');
    expect(after.lastUsed).toBeNull();
    expect(after.workspaces.map((w) => w.id)).toEqual(['ws-00000002']);
    expect(codeOf(() => withoutWorkspace(after, 'ws-00000001')).code).toBe('workspace.unknown');
  });
});

describe('the registry file', () => {
  it('round-trips; missing means none; damaged is refused and left as it was', async () => {
    const t = tempDir();
    dirs.push(t);
    expect(readRegistry(t.dir)).toBeNull();
    const r = withNewWorkspace(EMPTY_REGISTRY, { name: 'x', kind: 'real' }).registry;
    await writeRegistry(t.dir, r);
    expect(readRegistry(t.dir)).toEqual(r);
    writeFileSync(registryFile(t.dir), '{"version":1,"lastUsed":"../../etc","workspaces":[]}');
    expect(codeOf(() => readRegistry(t.dir)).code).toBe('db.corrupt');
    writeFileSync(registryFile(t.dir), '{not json');
    const e = codeOf(() => readRegistry(t.dir));
    expect(e.code).toBe('db.corrupt');
    expect(e.zh).toContain('账套列表');
    expect(readFileSync(registryFile(t.dir), 'utf8')).toBe('{not json');
  });
});
