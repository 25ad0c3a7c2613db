// Main process. The list of workspaces (账套) of a data folder: `<dataDir>/workspaces.json`, each workspace's
// store in `<dataDir>/workspaces/<id>/` (laid out exactly like a data folder of the single-store version, so the
// core opens it unchanged). The file is replaced whole (atomic-file.ts), so a crash leaves the old list or the new.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError, type Bilingual } from '../../../shared/errors';
import { workspaceIdSchema, workspaceNameSchema, workspaceSchema, type Workspace, type WorkspaceKind } from '../../../shared/api/workspaces';
import { writeBytesAtomically } from '../../files/atomic-file';

export const REGISTRY_FILE = 'workspaces.json';
export const WORKSPACES_DIR = 'workspaces';
/** The one practice workspace has this id; real ones get `ws-` and random hex. */
export const PRACTICE_ID = 'practice';

const registrySchema = z.object({
  version: z.literal(1),
  /** The workspace the app opened last: the CLI's default and what the app opens on start. */
  lastUsed: workspaceIdSchema.nullable(),
  workspaces: z.array(workspaceSchema),
});
export type Registry = z.infer<typeof registrySchema>;

export const EMPTY_REGISTRY: Registry = { version: 1, lastUsed: null, workspaces: [] };

export function registryFile(dataDir: string): string {
  return path.join(dataDir, REGISTRY_FILE);
}

/** The folder of one workspace. The id is checked again here: it becomes a path. */
export function workspaceDir(dataDir: string, id: string): string {
  if (!workspaceIdSchema.safeParse(id).success) throw new Error(`unsafe workspace id ${JSON.stringify(id)}`);
  return path.join(dataDir, WORKSPACES_DIR, id);
}

/** The registry, or null when the data folder has none yet (a fresh folder, or the single-store layout). */
export function readRegistry(dataDir: string): Registry | null {
  let text: string;
  try {
    text = readFileSync(registryFile(dataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = null;
  }
  const r = registrySchema.safeParse(parsed);
  if (!r.success) {
    // Never replaced silently: the folders are still there, and a clerk or support can repair the list.
    throw new AppError('db.corrupt', {
      zh: `账套列表 ${registryFile(dataDir)} 已损坏，无法读取。账套数据仍在 ${path.join(dataDir, WORKSPACES_DIR)} 中；请联系支持人员修复。`,
      en: `The workspace list ${registryFile(dataDir)} is damaged and cannot be read. The workspaces' data is still in ${path.join(dataDir, WORKSPACES_DIR)}; contact support to repair it.`,
    }, { file: registryFile(dataDir) });
  }
  return r.data;
}

export async function writeRegistry(dataDir: string, registry: Registry): Promise<void> {
  await writeBytesAtomically(registryFile(dataDir), `${JSON.stringify(registrySchema.parse(registry), null, 2)}\n`);
}

/** Names compare as the clerk reads them: NFC, trimmed, case-insensitive. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().toLocaleLowerCase('en-US');
  return norm(a) === norm(b);
}

export function parseName(raw: string): string {
  const r = workspaceNameSchema.safeParse(raw);
  if (!r.success) {
    const issue = r.error.issues[0]?.message ?? '账套名称无效 / Invalid workspace name';
    const [zh, en] = issue.includes(' / ') ? issue.split(' / ') : [issue, issue];
    throw new AppError('validation', { zh: zh ?? issue, en: en ?? issue }, { field: 'name' });
  }
  return r.data;
}

function refuseDuplicate(registry: Registry, name: string, except: string | null): void {
  const other = registry.workspaces.find((w) => w.id !== except && sameName(w.name, name));
  if (other) {
    throw new AppError('conflict', {
      zh: `已有名为“${other.name}”的账套，请换一个名称。`,
      en: `A workspace named “${other.name}” already exists; choose another name.`,
    }, { field: 'name', existingId: other.id });
  }
}

export function findWorkspace(registry: Registry, id: string): Workspace {
  const w = registry.workspaces.find((x) => x.id === id);
  if (!w) throw unknownWorkspace(registry, id);
  return w;
}

/** The names the clerk can pick from, for messages ("没有这个账套；现有：A、B"). */
export function availableNames(registry: Registry): Bilingual {
  const names = registry.workspaces.map((w) => `“${w.name}”（${w.id}）`);
  const namesEn = registry.workspaces.map((w) => `“${w.name}” (${w.id})`);
  return names.length > 0
    ? { zh: `现有账套：${names.join('、')}`, en: `Available workspaces: ${namesEn.join(', ')}` }
    : { zh: '目前还没有任何账套（先在应用中创建一个）', en: 'There are no workspaces yet (create one in the app first)' };
}

export function unknownWorkspace(registry: Registry, asked: string): AppError {
  const a = availableNames(registry);
  return new AppError('workspace.unknown', {
    zh: `没有名为或编号为“${asked}”的账套。${a.zh}。`,
    en: `No workspace is named or has the id “${asked}”. ${a.en}.`,
  }, { asked, available: registry.workspaces.map((w) => ({ id: w.id, name: w.name })) });
}

/** The CLI without --workspace when the app has not opened any workspace yet. */
export function noDefaultWorkspace(registry: Registry): AppError {
  const a = availableNames(registry);
  return new AppError('workspace.unknown', {
    zh: `应用还没有打开过任何账套，请用 --workspace 名称 指定一个。${a.zh}。`,
    en: `The app has not opened any workspace yet; name one with --workspace NAME. ${a.en}.`,
  }, { asked: null, available: registry.workspaces.map((w) => ({ id: w.id, name: w.name })) });
}

/** By id first, then by name (as names compare), for the CLI's `--workspace NAME`. */
export function resolveWorkspace(registry: Registry, asked: string): Workspace {
  const byId = registry.workspaces.find((w) => w.id === asked);
  if (byId) return byId;
  const byName = registry.workspaces.filter((w) => sameName(w.name, asked));
  if (byName.length === 1 && byName[0]) return byName[0];
  throw unknownWorkspace(registry, asked);
}

function newId(registry: Registry, kind: WorkspaceKind, random: () => string): string {
  if (kind === 'practice') return PRACTICE_ID;
  for (;;) {
    const id = `ws-${random()}`;
    if (!registry.workspaces.some((w) => w.id === id)) return id;
  }
}

export interface CreateOptions {
  readonly now?: () => Date;
  readonly random?: () => string;
}

/** The registry with one more workspace (not yet written). One practice workspace at most. */
export function withNewWorkspace(registry: Registry, input: { name: string; kind: WorkspaceKind }, options: CreateOptions = {}): { registry: Registry; workspace: Workspace } {
  const name = parseName(input.name);
  if (input.kind === 'practice' && registry.workspaces.some((w) => w.kind === 'practice')) {
    throw new AppError('conflict', {
      zh: '已有练习账套；练习模式只需要一个账套，请切换到它。',
      en: 'There is a practice workspace already; practice mode needs only one, switch to it.',
    }, { kind: 'practice' });
  }
  refuseDuplicate(registry, name, null);
  const random = options.random ?? (() => randomBytes(4).toString('hex'));
  const workspace: Workspace = {
    id: newId(registry, input.kind, random),
    name,
    kind: input.kind,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
  };
  return { registry: { ...registry, workspaces: [...registry.workspaces, workspace] }, workspace };
}

export function withRenamed(registry: Registry, id: string, rawName: string): { registry: Registry; workspace: Workspace } {
  const current = findWorkspace(registry, id);
  const name = parseName(rawName);
  refuseDuplicate(registry, name, id);
  const workspace = { ...current, name };
  return { registry: { ...registry, workspaces: registry.workspaces.map((w) => (w.id === id ? workspace : w)) }, workspace };
}

export function withoutWorkspace(registry: Registry, id: string): Registry {
  findWorkspace(registry, id);
  return {
    ...registry,
    lastUsed: registry.lastUsed === id ? null : registry.lastUsed,
    workspaces: registry.workspaces.filter((w) => w.id !== id),
  };
}
