// Node (Vitest). A single store that cannot be read is neither migrated nor touched: the start is refused with
// the reason, and the folder stays in the old layout for the clerk to restore or move the file.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureWorkspaceLayout } from '../../../../electron/services/workspaces/layout';
import { appErrorOf } from '../../../support/app-error';
import { tempDir } from '../../../support/core-harness';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => { while (dirs.length > 0) dirs.pop()?.remove(); });

describe('a damaged single store', () => {
  it.each([
    ['garbage', Buffer.from('this is not a database at all, just text long enough to fill a header page '.repeat(20)), 'db.corrupt', '已损坏'],
    ['0 bytes', Buffer.alloc(0), 'db.empty_file', '0 字节'],
  ])('%s: refused, left where it was, no workspace list written', async (_name, bytes, code, zh) => {
    const t = tempDir();
    dirs.push(t);
    const store = path.join(t.dir, 'invoice-recon.sqlite');
    writeFileSync(store, bytes);
    const e = await appErrorOf(ensureWorkspaceLayout(t.dir, 'browser'));
    expect(e.code).toBe(code);
    expect(e.messageZh).toContain(zh);
    expect(e.messageZh).toContain(store);
    expect(readFileSync(store)).toEqual(bytes);
    expect(readdirSync(t.dir).filter((f) => f.startsWith('workspaces'))).toEqual([]);
  });
});
