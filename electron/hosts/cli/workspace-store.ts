// Main process (CLI host). Which store a command opens: `--workspace NAME` (name or id) in a data folder laid out
// in workspaces, else the workspace the app used last. A folder of the single-store layout (never opened by this
// version of the app) is used as it is, as before; the app migrates it when it first opens it.
import { AppError } from '../../../shared/errors';
import type { Workspace } from '../../../shared/api/workspaces';
import { layoutOf } from '../../services/workspaces/layout';
import { findWorkspace, readRegistry, noDefaultWorkspace, resolveWorkspace, workspaceDir } from '../../services/workspaces/registry';

export interface CliStore {
  readonly dir: string;
  readonly workspace: Workspace | undefined;
  /** Checked once the store's owner lock is held: the folder still is what was resolved. */
  readonly afterClaim: () => void;
}

function migratedMeanwhile(dataDir: string): AppError {
  return new AppError('data_folder.busy', {
    zh: `数据文件夹 ${dataDir} 刚刚由应用转换为账套布局；请再运行一次本命令。`,
    en: `The app has just converted the data folder ${dataDir} to workspaces; run the command again.`,
  }, { dataDir, holder: null });
}

export function cliStore(dataDir: string, asked: string | undefined): CliStore {
  if (layoutOf(dataDir) !== 'workspaces') {
    if (asked !== undefined) {
      throw new AppError('workspace.unknown', {
        zh: `数据文件夹 ${dataDir} 还没有账套（仍是单一数据库的布局，打开一次应用即会转换），不能使用 --workspace ${asked}；去掉 --workspace 即使用其中的数据。`,
        en: `The data folder ${dataDir} has no workspaces yet (it is still one store; opening the app once converts it), so --workspace ${asked} cannot be used; leave --workspace out to use its data.`,
      }, { asked, available: [] });
    }
    return {
      dir: dataDir,
      workspace: undefined,
      afterClaim: () => {
        if (layoutOf(dataDir) === 'workspaces') throw migratedMeanwhile(dataDir);
      },
    };
  }
  const registry = readRegistry(dataDir);
  if (!registry) throw migratedMeanwhile(dataDir);
  let ws: Workspace;
  if (asked !== undefined) ws = resolveWorkspace(registry, asked);
  else if (registry.lastUsed) ws = findWorkspace(registry, registry.lastUsed);
  else throw noDefaultWorkspace(registry);
  return {
    dir: workspaceDir(dataDir, ws.id),
    workspace: ws,
    // Deleted by the app between reading the list and claiming the folder: refuse rather than recreate it empty.
    afterClaim: () => void findWorkspace(readRegistry(dataDir) ?? registry, ws.id),
  };
}
