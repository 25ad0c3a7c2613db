import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseSandboxArgs, runSandboxCli } from '../../../../electron/hosts/cli/sandbox-main';

function capture(): { out: string[]; err: string[]; io: { out: (l: string) => void; err: (l: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l) => out.push(l), err: (l) => err.push(l) } };
}

describe('sandbox CLI arguments', () => {
  it('defaults to any free ports, 200 orders, seed 1', () => {
    expect(parseSandboxArgs([])).toEqual({ json: false, portWangdian: 0, portSuning: 0, orders: 200, seed: 1, erpCsv: null, latencyMs: undefined });
  });

  it('reads every option', () => {
    const a = parseSandboxArgs(['--json', '--port-wangdian', '18080', '--port-suning=18081', '--orders', '5', '--seed', '42', '--erp-csv', 'out/erp.csv', '--latency', '30']);
    expect(a).toEqual({ json: true, portWangdian: 18080, portSuning: 18081, orders: 5, seed: 42, erpCsv: path.resolve('out/erp.csv'), latencyMs: 30 });
  });

  it.each([
    [['--orders', 'abc'], '--orders'],
    [['--orders', '-5'], '--orders'],
    [['--port-suning', '70000'], '--port-suning'],
    [['--seed', '1.5'], '--seed'],
    [['--latency', '1e3'], '--latency'],
    [['--bogus'], 'bogus'],
    [['stray'], 'stray'],
    [['--erp-csv', ''], '--erp-csv'],
  ])('exits 2 with a bilingual reason for %j', async (argv, mention) => {
    const c = capture();
    expect(await runSandboxCli(argv, c.io)).toBe(2);
    expect(c.out).toEqual([]);
    const first = c.err[0] ?? '';
    expect(first).toContain('参数错误');
    expect(first).toContain('Bad usage');
    expect(first).toContain(mention);
  });

  it('prints usage for --help and exits 0 without starting anything', async () => {
    const c = capture();
    expect(await runSandboxCli(['--help'], c.io)).toBe(0);
    expect(c.out.join('\n')).toContain('--erp-csv');
  });
});
