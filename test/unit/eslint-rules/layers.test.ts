// The layer table is the rule: a wrong import fails lint, a permitted one passes, and the docs show the same table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { LAYERS, layerOf } from '../../../eslint-rules/layers.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

async function layerMessages(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'local/layers').map((m) => m.message);
}

describe('layer rule (eslint-rules/layers.js)', () => {
  it('fails a db file that reaches up into services', async () => {
    const messages = await layerMessages('electron/db/lint-fixture.ts', "import { createAppCore } from '../services/app-core';\nexport const f = createAppCore;\n");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('(db) may not import electron/services/app-core (services)');
  });

  it('fails a type-only import and a re-export across layers too (the old circles were type imports)', async () => {
    const messages = await layerMessages('electron/secrets/lint-fixture.ts', "import type { AppCore } from '../services/app-core';\nexport type { AppCore };\nexport * from '../hosts/data-dir';\n");
    expect(messages).toHaveLength(2);
  });

  it('fails one host importing another and http importing the platforms above it', async () => {
    expect(await layerMessages('electron/hosts/browser/lint-fixture.ts', "export { runCli } from '../cli/main';\n")).toHaveLength(1);
    expect(await layerMessages('electron/http/lint-fixture.ts', "export { createWangdianClient } from '../platforms/wangdian/client';\n")).toHaveLength(1);
  });

  it('passes imports the table allows', async () => {
    expect(await layerMessages('electron/db/lint-fixture.ts', "import { reconcile } from '../domain/reconcile';\nimport { AppError } from '../../shared/errors';\nexport const x = [reconcile, AppError];\n")).toEqual([]);
    expect(await layerMessages('electron/main.ts', "import { registerIpc } from './hosts/electron/register';\nexport const x = registerIpc;\n")).toEqual([]);
  });

  it('assigns files to the most specific layer', () => {
    expect(layerOf('electron/hosts/cli/main.ts')?.name).toBe('host-cli');
    expect(layerOf('electron/hosts/invoke.ts')?.name).toBe('hosts');
    expect(layerOf('electron/main.ts')?.name).toBe('shell');
    expect(layerOf('electron/main-helper.ts')).toBeNull();
    expect(layerOf('test/unit/money.test.ts')).toBeNull();
  });

  it('is the table docs/ARCHITECTURE.md shows', () => {
    const doc = readFileSync(path.join(ROOT, 'docs', 'ARCHITECTURE.md'), 'utf8');
    for (const layer of LAYERS) {
      const paths = layer.paths.map((p) => `\`${p}\``).join(', ');
      const may = layer.may.length > 0 ? layer.may.join(', ') : '—';
      expect(doc).toContain(`| ${layer.name} | ${paths} | ${may} |`);
    }
  });
});
