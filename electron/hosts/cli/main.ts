// Main process (CLI host). `invoice-recon <command>`: the app's services, headless, for automation.
import { parseArgs } from 'node:util';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { createAppCore, type AppCore } from '../../services/app-core';
import type { FolderAccess } from '../../services/data-folder';
import { asDiskFull } from '../../services/disk-full';
import { createFileKeyCipher } from '../../secrets/file-key-cipher';
import { mkdirSync } from 'node:fs';
import { defaultDataDir } from '../data-dir';
import { readEnvConfig } from './env-config';
import {
  applySuningCommand, autoCommand, exportCommand, importCommand, querySuningCommand, selectionFor, statusCommand, submitCommand, undoApplyCommand, usage,
  type CommandResult,
} from './commands';
import { archiveCommand, exportArchiveCommand } from './archive-commands';

export const HELP = `invoice-recon <command> [options]

Commands:
  import <file.csv|file.xlsx> [--encoding auto|utf-8|gb18030] [--on-conflict keep|take]
                                                                import local invoices (ERP export); where the file
                                                                differs from values filled or edited in the app or
                                                                accepted by Wangdiantong: keep them (default) or take
                                                                the file's (those invoices become outdated)
  query-suning (--all | --bill NO ...)                          ask Suning what was invoiced
  submit (--ready | --invoice-no NO ...) [--dry-run] [--override REASON]
                                                                write results back to Wangdiantong; --ready:
                                                                every invoice whose write-back plan is "submit";
                                                                --dry-run: print what would be sent, send nothing;
                                                                --override: one invoice as 80 against its plan
  submit --invoice-no NO ... --status 75|65 --reason TEXT       标记开票失败: record 75 开票失败 (or 65 开票申请失败)
                                                                with the reason for invoices Suning has not issued
                                                                or has fully reversed, and send them
  apply-suning (--all | --status S ... | --invoice-no NO ...) [--dry-run]
                                                                采用苏宁结果 in bulk: prints the preview (every value
                                                                typed by hand it replaces), then applies it in one
                                                                transaction and prints the batch to undo
  undo-apply --batch B [--invoice-no NO]                        restore the values from before that batch
  export <file.csv|file.xlsx> [--status S ...]                  export invoices (optionally by status)
  status                                                        counts per reconciliation/submission state
  archive [--status S ...]                                      download every e-invoice file Suning linked (blue
                                                                and red) into the data folder's archive and check
                                                                it against Suning and the ERP record; prints the
                                                                verdicts. Exit 1 when a file could not be stored
  export-archive <file.zip> [--status S ...]                    one ZIP of the archived files (named by the
                                                                settings' template) with an index CSV/XLSX
  auto [--dry-run] [--status S ...]                             自动处理: query what needs a query, fill every
                                                                fillable from its one valid blue, submit every
                                                                invoice whose plan is "submit"; prints what is
                                                                left for the clerk. An unfinished run (killed,
                                                                stopped) is resumed in its phase. --dry-run:
                                                                print the plan, change nothing
  sandbox [--json] [--orders N] [--seed S] ...                  start both platform emulators

Options: --data-dir DIR (default: the app's data folder), --json (machine-readable output)
Environment: WDT_BASE_URL WDT_SID WDT_APPKEY WDT_APPSECRET SUNING_BASE_URL SUNING_APP_KEY
             SUNING_APP_SECRET SUNING_SALE_ORG SUNING_FORMAT (see README)
One process at a time owns a data folder: while the app (or another CLI run) has it, status and export
read it read-only, and import, query-suning and submit refuse, naming that process.
Exit codes: 0 ok, 1 some rows rejected or failed, 2 bad usage or configuration,
            3 the data folder is in use by another process.`;

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The real process only: SIGINT/SIGTERM during query-suning or submit pause the job (see pauseOnSignal). */
  readonly signals?: boolean;
}

/**
 * Ctrl-C or a scheduler's SIGTERM during a job: the job is paused (in-flight sends settle and are recorded,
 * nothing stays 'running'), the command reports it and the process exits 1; the app or the next run resumes
 * it. A second signal exits at once (the next owner's start then recovers what was in flight). Returns the
 * function that removes the listeners.
 */
function pauseOnSignal(core: AppCore, io: CliIo): () => void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(130);
    stopping = true;
    io.err(`${signal}：正在暂停任务并保存进度，再按一次立即退出 / ${signal}: pausing the job and saving its progress; again to quit at once`);
    // 自动处理's runner first, so it starts no child job once the jobs are paused.
    void core.services.auto.pauseAll().then(() => core.services.jobs.pauseAll());
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

const OPTIONS = {
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
  encoding: { type: 'string', default: 'auto' },
  'on-conflict': { type: 'string', default: 'keep' },
  all: { type: 'boolean', default: false },
  bill: { type: 'string', multiple: true },
  ready: { type: 'boolean', default: false },
  'invoice-no': { type: 'string', multiple: true },
  override: { type: 'string' },
  reason: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  status: { type: 'string', multiple: true },
  batch: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/**
 * `access`: commands that write own the folder or are refused (exit 3); `status` and `export` read it
 * read-only when another process owns it.
 */
async function withCore<T>(dataDir: string, io: CliIo, fn: (core: AppCore) => Promise<T>, access: FolderAccess = 'owner', job = false): Promise<T> {
  const env = readEnvConfig(io.env);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const core = await createAppCore({
    access,
    dataDir,
    host: 'cli',
    cipher: createFileKeyCipher(path.join(dataDir, 'secret.key')),
    version: '0.1.0',
    secretSource: env.secrets,
    overrides: env.overrides,
    // A headless run does its own command only; the app resumes its jobs when it opens.
    resumeJobs: false,
  });
  const unlisten = job && io.signals ? pauseOnSignal(core, io) : () => undefined;
  try {
    return await fn(core);
  } finally {
    unlisten();
    await core.close();
  }
}

/** Exit code 3: another process owns the data folder (a scheduler can try again later). */
const EXIT_BUSY = 3;

function isUsageOrConfig(e: AppError): boolean {
  const flagged = typeof e.details === 'object' && e.details !== null && (e.details as { usage?: unknown }).usage === true;
  return flagged || e.code === 'not_configured' || e.code === 'db.newer_schema' || e.code === 'db.out_of_sync' || e.code === 'forbidden';
}

/** Runs one command; returns the process exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'sandbox') {
    const { runSandboxCli } = await import('./sandbox-main');
    return runSandboxCli(rest, io);
  }
  let json = false;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.out(HELP);
      return command ? 0 : 2;
    }
    const { values, positionals } = (() => {
      try {
        return parseArgs({ args: [...rest], options: OPTIONS, allowPositionals: true, strict: true });
      } catch (e) {
        throw usage(`参数错误：${(e as Error).message}`, `Bad arguments: ${(e as Error).message}`);
      }
    })();
    json = values.json;
    const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir(io.env);
    const one = (what: string): string => {
      if (positionals.length !== 1 || !positionals[0]) throw usage(`请给出一个${what}`, `Give exactly one ${what === '文件' ? 'file' : what}`);
      return positionals[0];
    };
    let result: CommandResult;
    switch (command) {
      case 'import': {
        const enc = values.encoding;
        if (enc !== 'auto' && enc !== 'utf-8' && enc !== 'gb18030') throw usage('--encoding 只能是 auto、utf-8 或 gb18030', '--encoding must be auto, utf-8 or gb18030');
        const onConflict = values['on-conflict'];
        if (onConflict !== 'keep' && onConflict !== 'take') throw usage('--on-conflict 只能是 keep 或 take', '--on-conflict must be keep or take');
        const file = one('文件');
        result = await withCore(dataDir, io, (core) => importCommand(core, file, enc, onConflict));
        break;
      }
      case 'query-suning':
        result = await withCore(dataDir, io, (core) => querySuningCommand(core, values.all, values.bill ?? []), 'owner', true);
        break;
      case 'submit':
        result = await withCore(dataDir, io, (core) => submitCommand(core, {
          ready: values.ready, invoiceNos: values['invoice-no'] ?? [], override: values.override, dryRun: values['dry-run'],
          failStatus: values.status, failReason: values.reason,
        }), 'owner', true);
        break;
      case 'apply-suning':
        result = await withCore(dataDir, io, async (core) => applySuningCommand(core, selectionFor(core, values.all, values.status ?? [], values['invoice-no'] ?? []), values['dry-run']));
        break;
      case 'undo-apply':
        result = await withCore(dataDir, io, (core) => undoApplyCommand(core, values.batch, values['invoice-no'] ?? []));
        break;
      case 'export': {
        const file = one('文件');
        result = await withCore(dataDir, io, (core) => exportCommand(core, file, values.status ?? []), 'owner-or-reader');
        break;
      }
      case 'archive':
        if (positionals.length > 0) throw usage('archive 不接受文件参数', 'archive takes no file argument');
        result = await withCore(dataDir, io, (core) => archiveCommand(core, values.status ?? []), 'owner', true);
        break;
      case 'export-archive': {
        const file = one('文件');
        result = await withCore(dataDir, io, (core) => exportArchiveCommand(core, file, values.status ?? []), 'owner-or-reader');
        break;
      }
      case 'status':
        result = await withCore(dataDir, io, (core) => statusCommand(core), 'owner-or-reader');
        break;
      case 'auto':
        result = await withCore(dataDir, io, (core) => autoCommand(core, values['dry-run'], values.status ?? []), 'owner', !values['dry-run']);
        break;
      default:
        throw usage(`未知命令 ${command}（见 --help）`, `Unknown command ${command} (see --help)`);
    }
    io.out(json ? JSON.stringify(result.json) : result.human);
    for (const line of result.errors ?? []) io.err(line.replace(/\s+/g, ' '));
    return result.exitCode;
  } catch (caught) {
    const error = asDiskFull(caught);
    const e = error instanceof AppError ? error : null;
    const line = e ? `${e.messageZh} / ${e.messageEn}` : `内部错误 / internal error: ${(error as Error).message}`;
    if (json) io.out(JSON.stringify({ ok: false, error: e ? e.toShape() : { code: 'internal', message: line } }));
    io.err(line.replace(/\s+/g, ' '));
    // Usage and configuration problems are 2; a platform or data failure during a command is 1.
    if (!e) return 1;
    if (e.code === 'data_folder.busy') return EXIT_BUSY;
    return isUsageOrConfig(e) ? 2 : 1;
  }
}

const isEntry = process.argv[1] !== undefined && /cli[\\/]main\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (isEntry) {
  runCli(process.argv.slice(2), {
    out: (l) => process.stdout.write(`${l}\n`),
    err: (l) => process.stderr.write(`${l}\n`),
    env: process.env,
    signals: true,
  }).then((code) => exitSoon(code), (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    exitSoon(1);
  });
}

/**
 * The command is over and the core closed: the process ends as soon as nothing is pending, and at the
 * latest after a short grace, so that a handle something forgot to close can never keep a scheduled run
 * alive for ever. The timer is unref'd: it never delays a clean exit.
 */
function exitSoon(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), 2000).unref();
}
