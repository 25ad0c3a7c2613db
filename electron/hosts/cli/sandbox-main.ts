// Main process (Node CLI). `npm run sandbox -- --json …`: starts both platform emulators on loopback with seeded
// practice data, prints where they listen, optionally writes the ERP CSV, and runs until SIGINT/SIGTERM.
// Also the `sandbox` sub-command of the general CLI, through runSandboxCli.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeBytesAtomically } from '../../files/atomic-file';
import { erpRecordsToCsv } from '../../sandbox/erp-csv';
import { startSandbox, type Sandbox } from '../../sandbox/sandbox';
import { MAX_SEED_ORDERS } from '../../sandbox/seed';

export interface SandboxCliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Stops the sandbox when aborted; without it the sandbox runs until SIGINT or SIGTERM. */
  readonly stopSignal?: AbortSignal;
}

export interface SandboxCliArgs {
  readonly json: boolean;
  readonly portWangdian: number;
  readonly portSuning: number;
  readonly orders: number;
  readonly seed: number;
  readonly erpCsv: string | null;
  readonly latencyMs: number | undefined;
}

export const SANDBOX_USAGE = `用法 / Usage: npm run sandbox -- [--json] [--port-wangdian P] [--port-suning Q] [--orders N] [--seed S] [--erp-csv FILE] [--latency MS]
  --json             启动后输出一行 JSON（地址与练习凭据） / print one JSON line (URLs and practice credentials) once listening
  --port-wangdian P  旺店通模拟器端口，0 = 任意空闲端口（默认 0） / Wangdiantong emulator port, 0 = any free port (default 0)
  --port-suning Q    苏宁模拟器端口（默认 0） / Suning emulator port (default 0)
  --orders N         生成的订单数（默认 200） / orders to generate (default 200)
  --seed S           随机种子，相同种子数据相同（默认 1） / seed; the same seed gives the same data (default 1)
  --erp-csv FILE     把 ERP 发票记录写成 CSV / write the ERP invoice records as CSV
  --latency MS       每个应答增加的延迟（毫秒） / delay added to every answer (ms)
按 Ctrl+C 停止 / Stop with Ctrl+C.`;

class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

function intOption(name: string, raw: string | undefined, fallback: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) > max) {
    throw new UsageError(`--${name} 必须是 0 到 ${max} 之间的整数（收到 "${raw}"）`, `--${name} must be an integer from 0 to ${max} (got "${raw}")`);
  }
  return Number(raw);
}

/** Parses and validates the arguments; throws UsageError with a bilingual reason. */
export function parseSandboxArgs(argv: readonly string[]): SandboxCliArgs | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        json: { type: 'boolean', default: false },
        'port-wangdian': { type: 'string' },
        'port-suning': { type: 'string' },
        orders: { type: 'string' },
        seed: { type: 'string' },
        'erp-csv': { type: 'string' },
        latency: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(`无法识别的参数：${e.message}`, `Unrecognised arguments: ${e.message}`);
    throw e;
  }
  if (values['help'] === true) return 'help';
  const str = (k: string): string | undefined => {
    const v = values[k];
    return typeof v === 'string' ? v : undefined;
  };
  const erpCsv = str('erp-csv');
  if (erpCsv !== undefined && erpCsv.trim() === '') throw new UsageError('--erp-csv 需要文件路径', '--erp-csv needs a file path');
  const latency = str('latency');
  return {
    json: values['json'] === true,
    portWangdian: intOption('port-wangdian', str('port-wangdian'), 0, 65535),
    portSuning: intOption('port-suning', str('port-suning'), 0, 65535),
    orders: intOption('orders', str('orders'), 200, MAX_SEED_ORDERS),
    seed: intOption('seed', str('seed'), 1, 0xffffffff),
    erpCsv: erpCsv === undefined ? null : path.resolve(erpCsv),
    latencyMs: latency === undefined ? undefined : intOption('latency', latency, 0, 600_000),
  };
}

function untilStopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal) {
      if (signal.aborted) resolve();
      else signal.addEventListener('abort', () => resolve(), { once: true });
      return;
    }
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return '端口已被占用 / the port is already in use';
    return e.message;
  }
  return String(e);
}

/** Runs the sandbox until stopped; returns the exit code (0 ok, 1 could not start, 2 bad usage). Never throws. */
export async function runSandboxCli(argv: readonly string[], io: SandboxCliIo): Promise<number> {
  let args: SandboxCliArgs | 'help';
  try {
    args = parseSandboxArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(`参数错误：${e.zh} / Bad usage: ${e.en}`);
    io.err(SANDBOX_USAGE);
    return 2;
  }
  if (args === 'help') {
    io.out(SANDBOX_USAGE);
    return 0;
  }
  // Listen for the stop signal before starting, so a SIGTERM during start-up is not lost.
  const stopped = untilStopped(io.stopSignal);
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      orders: args.orders,
      seed: args.seed,
      portWangdian: args.portWangdian,
      portSuning: args.portSuning,
      ...(args.latencyMs === undefined ? {} : { latencyMs: args.latencyMs }),
    });
  } catch (e) {
    io.err(`模拟器启动失败 / The emulators could not start: ${describe(e)}`);
    return 1;
  }
  try {
    if (args.erpCsv !== null) {
      try {
        await writeBytesAtomically(args.erpCsv, erpRecordsToCsv(sandbox.erpRecords));
      } catch (e) {
        io.err(`无法写入 ERP CSV ${args.erpCsv} / Could not write the ERP CSV ${args.erpCsv}: ${describe(e)}`);
        return 1;
      }
    }
    const { wangdian: w, suning: s } = sandbox;
    if (args.json) {
      io.out(
        JSON.stringify({
          wangdian: { url: w.url, sid: w.sid, appkey: w.appkey, appsecret: w.appsecret },
          suning: { url: s.url, appKey: s.appKey, appSecret: s.appSecret, saleOrg: s.saleOrg },
        }),
      );
    } else {
      io.out(
        [
          `练习环境已启动 / Sandbox running (${args.orders} orders, seed ${args.seed})`,
          `旺店通 Wangdiantong: ${w.url}/openapi2/vip_invoice_info_update.php  sid=${w.sid} appkey=${w.appkey} appsecret=${w.appsecret}`,
          `苏宁 Suning: ${s.url}/suning.custom.storage.query  AppKey=${s.appKey} AppSecret=${s.appSecret} saleOrg=${s.saleOrg}`,
          ...(args.erpCsv === null ? [] : [`ERP CSV: ${args.erpCsv}`]),
          '按 Ctrl+C 停止 / Press Ctrl+C to stop',
        ].join('\n'),
      );
    }
    await stopped;
    return 0;
  } finally {
    await sandbox.close();
  }
}

function invokedDirectly(): boolean {
  const entry = process.argv[1];
  const self: unknown = import.meta.url;
  return typeof entry === 'string' && typeof self === 'string' && self.startsWith('file:') && path.resolve(entry) === fileURLToPath(self);
}

// No top-level await: the general CLI may be bundled to CommonJS, which has none.
if (invokedDirectly()) {
  void runSandboxCli(process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then((code) => {
    process.exitCode = code;
  });
}
