// Issue 13 §3 through the CLI (a real child process, real emulators): apply-suning --dry-run changes nothing,
// apply-suning applies the printed preview and names its batch, undo-apply restores it and reports the invoice
// Wangdiantong had accepted in between as outdated.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../electron/sandbox/sandbox';
import { erpRecordsToCsv } from '../../../electron/sandbox/erp-csv';
import { envFor, tempDir, type Sandbox } from '../../support/core-harness';
import { runCliProcess as cli } from '../../support/processes';

interface StatusJson { byRecon: Record<string, number>; bySubmit: Record<string, number> }

describe('apply-suning / undo-apply (CLI)', () => {
  let sb: Sandbox;
  const tmp = tempDir();
  let env: Record<string, string>;
  let data: string[];

  beforeAll(async () => {
    sb = await startSandbox({ orders: 60, seed: 8 });
    env = envFor(sb);
    data = ['--data-dir', path.join(tmp.dir, 'data')];
    const csv = path.join(tmp.dir, 'erp.csv');
    writeFileSync(csv, erpRecordsToCsv(sb.erpRecords));
    expect((await cli(['import', csv, ...data], env)).code).toBe(0);
    await cli(['query-suning', '--all', ...data], env);
  });
  afterAll(async () => {
    await sb.close();
    tmp.remove();
  });

  const status = async () => JSON.parse((await cli(['status', ...data, '--json'], env)).stdout) as StatusJson;

  it('previews without changing anything, applies in one go, undoes and says which were accepted meanwhile', async () => {
    const before = await status();
    const fillable = before.byRecon.fillable ?? 0;
    expect(fillable).toBeGreaterThan(1);

    const dry = await cli(['apply-suning', '--status', 'fillable', '--dry-run', ...data], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`selected ${fillable}: ${fillable} would change`);
    expect(dry.stdout).toContain('发票号码 / invoice number (发票号码)');
    expect(dry.stdout).toContain('dry run: nothing changed');
    expect((await status()).byRecon.fillable).toBe(fillable);

    const bad = await cli(['apply-suning', '--all', '--status', 'fillable', ...data], env);
    expect(bad.code).toBe(2);

    const applied = await cli(['apply-suning', '--status', 'fillable', ...data, '--json'], env);
    expect(applied.code).toBe(0);
    const aj = JSON.parse(applied.stdout) as { applied: { batch: string; changed: number }; preview: { sample: { invoiceNo: string }[] } };
    expect(aj.applied.changed).toBe(fillable);
    expect((await status()).byRecon.fillable ?? 0).toBe(0);

    const sent = aj.preview.sample[0]?.invoiceNo ?? '';
    const sub = await cli(['submit', '--invoice-no', sent, ...data], env);
    expect(sub.code).toBe(0);

    const undo = await cli(['undo-apply', '--batch', aj.applied.batch, ...data], env);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain(`已恢复 ${fillable} 张发票`);
    expect(undo.stdout).toContain(`outdated (Wangdiantong still holds the filled values): ${sent}`);
    const after = await status();
    expect(after.byRecon.fillable).toBe(fillable);
    expect(after.bySubmit.outdated).toBe(1);

    // Nothing left to undo: a second undo names every invoice as already undone and exits 1.
    const again = await cli(['undo-apply', '--batch', aj.applied.batch, ...data], env);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('already undone');
  });
});
