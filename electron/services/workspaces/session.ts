// Main process. The app's workspaces (账套) behind one handler table: the Electron and browser hosts mount this
// instead of a single core. It brings the data folder into the workspaces layout (migrating a single store),
// opens the last used workspace, and switches by closing that core (its jobs paused and persisted, as on quit)
// and opening the other. Until the clerk has chosen a first workspace there is no core: the app's info says so
// and the first-run choice creates one.
import { rmSync } from 'node:fs';
import { CHANNELS, type CallContext, type Channel, type ChannelOutput, type HandlerTable } from '../../../shared/api/contract';
import { AppError } from '../../../shared/errors';
import type { Settings } from '../../../shared/api/schemas';
import type { Workspace } from '../../../shared/api/workspaces';
import { createDataDir } from '../../db/open';
import { claimOwnership } from '../../db/owner-lock';
import type { SecretCipher } from '../../secrets/cipher';
import { SECRET_NAMES } from '../../secrets/vault';
import { createAppCore, type AppCore } from '../app-core';
import type { CoreServices } from '../core-services';
import { folderBusyError } from '../data-folder';
import type { EventSink } from '../events';
import { appInfo } from '../handlers/app';
import { secretInput, withBehaviourOf } from '../handlers/behaviour';
import { workspaceHandlers, type WorkspaceControl } from '../handlers/workspaces';
import { DEFAULT_SETTINGS } from '../settings';
import { ensureWorkspaceLayout, withRegistryLock, type MigrationHooks } from './layout';
import { findWorkspace, readRegistry, workspaceDir, withNewWorkspace, withoutWorkspace, withRenamed, writeRegistry, type Registry } from './registry';

export interface WorkspaceSessionOptions {
  readonly dataDir: string;
  readonly host: 'electron' | 'browser';
  readonly version: string;
  /** The secret cipher of one workspace folder (the browser host keeps a key file in each). */
  cipherFor(workspaceDir: string): SecretCipher | Promise<SecretCipher>;
  /** Told whenever the open workspace changes or is renamed (the Electron window's title). */
  onWorkspace?(workspace: Workspace | null): void;
  readonly migrationHooks?: MigrationHooks;
}

export interface WorkspaceSession extends AppCore {
  current(): Workspace | null;
}

function noWorkspace(): AppError {
  return new AppError('workspace.none', {
    zh: '还没有打开任何账套：请先选择试用练习模式或设置真实商户。',
    en: 'No workspace is open yet: choose to try practice mode or to set up a real merchant first.',
  });
}

/** Serialises switches and registry changes within this process (other processes wait on the registry lock). */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}

export async function openWorkspaceSession(options: WorkspaceSessionOptions): Promise<WorkspaceSession> {
  const { dataDir, host } = options;
  let registry: Registry = await ensureWorkspaceLayout(dataDir, host, options.migrationHooks);
  let core: AppCore | null = null;
  let workspace: Workspace | null = null;
  /** The language chosen before any workspace exists; the first workspace starts with it. */
  let language: Settings['language'] = DEFAULT_SETTINGS.language;
  const listeners = new Set<EventSink>();
  let unforward: () => void = () => undefined;
  const inTurn = serial();

  const control: WorkspaceControl = {
    // From the file: another app instance on the same data folder may have changed it.
    list: async () => ({ managed: true, workspaces: (readRegistry(dataDir) ?? registry).workspaces, currentId: workspace?.id ?? null }),
    create: (input) => inTurn(() => changeRegistry((r) => {
      const next = withNewWorkspace(r, input);
      const dir = workspaceDir(dataDir, next.workspace.id);
      // Not in the list, so whatever is there is what an interrupted delete left: a new workspace starts empty.
      rmSync(dir, { recursive: true, force: true });
      createDataDir(dir);
      return { registry: next.registry, out: next.workspace };
    })),
    rename: (input) => inTurn(async () => {
      const renamed = await changeRegistry((r) => {
        const next = withRenamed(r, input.id, input.name);
        return { registry: next.registry, out: next.workspace };
      });
      if (workspace?.id === renamed.id) {
        // The open core keeps the workspace it was opened with for app:info; reopening only for a name is not
        // worth pausing jobs, so the session's own copy answers (see appInfoOf).
        workspace = renamed;
        options.onWorkspace?.(workspace);
      }
      return renamed;
    }),
    delete: (input) => inTurn(() => deleteWorkspace(input.id, input.confirmName)),
    switch: (input) => inTurn(() => switchTo(input.id)),
  };

  // The workspaces:* channels while no core is open (an open core answers them with the same control).
  const ownHandlers = workspaceHandlers(control);

  async function changeRegistry<T>(change: (r: Registry) => { registry: Registry; out: T }): Promise<T> {
    return withRegistryLock(dataDir, host, async () => {
      // Another process (the CLI) may have changed it meanwhile: always from the file, never the cached copy.
      const fresh = readRegistry(dataDir) ?? registry;
      const { registry: next, out } = change(fresh);
      await writeRegistry(dataDir, next);
      registry = next;
      return out;
    });
  }

  async function open(ws: Workspace): Promise<AppCore> {
    const dir = workspaceDir(dataDir, ws.id);
    createDataDir(dir);
    return createAppCore({
      dataDir: dir, host, version: options.version, cipher: await options.cipherFor(dir), workspace: ws, workspaceControl: control,
      // Deleted by another process between reading the registry and claiming the folder: refuse, do not recreate it.
      afterClaim: () => void findWorkspace(readRegistry(dataDir) ?? registry, ws.id),
    });
  }

  function attach(next: AppCore, ws: Workspace): void {
    core = next;
    workspace = ws;
    for (const c of CHANNELS) {
      const delegate = table[c];
      if (delegate) withBehaviourOf(delegate, next.handlers[c]);
    }
    unforward = next.onEvent((event, payload) => {
      for (const l of listeners) l(event, payload);
    });
    options.onWorkspace?.(ws);
  }

  async function detach(): Promise<void> {
    const old = core;
    unforward();
    unforward = () => undefined;
    core = null;
    workspace = null;
    if (old) await old.close();
  }

  async function switchTo(id: string): Promise<ChannelOutput<'workspaces:switch'>> {
    const target = findWorkspace(readRegistry(dataDir) ?? registry, id);
    if (core && workspace?.id === id) return appInfoOf();
    const previous = workspace;
    if (core) language = core.services.settings.get().language;
    await detach();
    let opened: AppCore;
    try {
      opened = await open(target);
    } catch (error) {
      // Refused (another process owns it, a damaged store): go back to where the clerk was.
      if (previous) {
        try {
          attach(await open(previous), previous);
        } catch {
          options.onWorkspace?.(null);
        }
      } else {
        options.onWorkspace?.(null);
      }
      throw error;
    }
    // A workspace opened for the first time starts in the language the clerk is using.
    if (opened.services.repos.settings.get('settings') === undefined) opened.services.settings.update({ language });
    attach(opened, target);
    await changeRegistry((r) => ({ registry: { ...r, lastUsed: id }, out: null }));
    return appInfoOf();
  }

  async function deleteWorkspace(id: string, confirmName: string): Promise<ChannelOutput<'workspaces:delete'>> {
    if (workspace?.id === id) {
      throw new AppError('conflict', {
        zh: '不能删除当前打开的账套：请先切换到另一个账套再删除它。',
        en: 'The open workspace cannot be deleted: switch to another workspace first, then delete it.',
      }, { id });
    }
    await withRegistryLock(dataDir, host, async () => {
      const fresh = readRegistry(dataDir) ?? registry;
      const ws = findWorkspace(fresh, id);
      if (confirmName.normalize('NFC').trim() !== ws.name) {
        throw new AppError('validation', {
          zh: `请输入账套名称“${ws.name}”以确认删除（输入的不一致）。`,
          en: `Type the workspace name “${ws.name}” to confirm the deletion (what was typed does not match).`,
        }, { field: 'confirmName' });
      }
      const dir = workspaceDir(dataDir, id);
      // Nobody may have it open (the CLI, another app instance): its owner lock proves it, held until it is gone
      // from the registry, so no process can open it in between (they check the registry after claiming).
      createDataDir(dir);
      const claim = claimOwnership(dir, host);
      if (!claim.ok) throw folderBusyError(dir, claim.holder);
      try {
        const next = withoutWorkspace(fresh, id);
        await writeRegistry(dataDir, next);
        registry = next;
      } finally {
        claim.lock.release();
      }
      rmSync(dir, { recursive: true, force: true });
    });
    return control.list();
  }

  function appInfoOf(): ChannelOutput<'app:info'> {
    throwIfClosed();
    if (!core) return { version: options.version, host, mode: 'unconfigured', dataDir, practice: null, workspace: null };
    return { ...appInfo(core.services), workspace };
  }

  let closed = false;
  function throwIfClosed(): void {
    if (closed) throw new AppError('internal', { zh: '程序正在退出', en: 'The app is shutting down' });
  }

  /** Answers without a workspace: the info, default settings (the language is remembered), the switcher. */
  async function withoutCore(channel: Channel, input: unknown, ctx: CallContext): Promise<unknown> {
    switch (channel) {
      case 'app:info':
        return appInfoOf();
      case 'settings:get':
        return defaultView();
      case 'settings:update': {
        const patch = input as { language?: Settings['language']; wangdian?: unknown; suning?: unknown };
        if (patch.wangdian !== undefined || patch.suning !== undefined) throw noWorkspace();
        if (patch.language) language = patch.language;
        return defaultView();
      }
      case 'jobs:active':
        return [];
      default: {
        const own = (ownHandlers as Partial<Record<Channel, (i: unknown, x: CallContext) => Promise<unknown>>>)[channel];
        if (own) return own(input, ctx);
        throw noWorkspace();
      }
    }
  }

  function defaultView(): ChannelOutput<'settings:get'> {
    return {
      settings: { ...DEFAULT_SETTINGS, language },
      secrets: Object.fromEntries(SECRET_NAMES.map((n) => [n, { configured: false, hint: '' }])) as ChannelOutput<'settings:get'>['secrets'],
      secretStorage: { backend: 'none', weak: false, accepted: true },
    };
  }

  const table: Record<string, (input: unknown, ctx: CallContext) => Promise<unknown>> = {};
  for (const c of CHANNELS) {
    table[c] = async (input, ctx) => {
      throwIfClosed();
      // The session knows the open workspace's current name (a rename does not reopen the core).
      if (c === 'app:info') return appInfoOf();
      const open = core;
      if (!open) return withoutCore(c, input, ctx);
      const out = await (open.handlers[c] as (i: unknown, x: CallContext) => Promise<unknown>)(input, ctx);
      return c === 'practice:start' ? { ...(out as ChannelOutput<'practice:start'>), workspace } : out;
    };
  }
  // Until a core is open the secret channel must still scrub its input from the logs.
  secretInput(table['settings:setSecret'] as (input: { value: string }, ctx: CallContext) => Promise<unknown>);

  const last = registry.lastUsed ? registry.workspaces.find((w) => w.id === registry.lastUsed) : undefined;
  if (last) attach(await open(last), last);

  return {
    handlers: table as unknown as HandlerTable,
    get services(): CoreServices {
      if (!core) throw noWorkspace();
      return core.services;
    },
    get role() {
      return 'owner' as const;
    },
    current: () => workspace,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => inTurn(async () => {
      if (closed) return;
      closed = true;
      await detach();
      listeners.clear();
    }),
  };
}
