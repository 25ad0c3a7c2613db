// Main process. Who may do what with a data folder. Exactly one process owns it (docs/ARCHITECTURE.md,
// "One owner per data folder"); only the owner migrates, recovers after a crash, resumes and runs jobs and
// writes. Another process is either refused with a message naming the owner, or — where the host asked
// for it (CLI `status`, `export`) — a reader: a read-only connection that changes nothing.
import { AppError } from '../../shared/errors';
import { claimOwnership, type OwnerHost, type OwnerInfo, type OwnerLock } from '../db/owner-lock';

/** 'owner': own the folder or fail; 'owner-or-reader': own it if free, else read it without writing. */
export type FolderAccess = 'owner' | 'owner-or-reader';

export type FolderClaim =
  | { readonly role: 'owner'; readonly lock: OwnerLock }
  | { readonly role: 'reader'; readonly holder: OwnerInfo | null };

const HOST_LABEL: Readonly<Record<OwnerHost, { zh: string; en: string }>> = {
  electron: { zh: '桌面应用', en: 'the desktop app' },
  browser: { zh: '浏览器版应用', en: 'the browser-hosted app' },
  cli: { zh: '命令行 invoice-recon', en: 'the invoice-recon CLI' },
};

export function folderBusyError(dataDir: string, holder: OwnerInfo | null): AppError {
  if (!holder) {
    return new AppError('data_folder.busy', {
      zh: `数据文件夹 ${dataDir} 正被另一个程序使用（刚刚启动，尚未登记）。请等它结束后再试。`,
      en: `The data folder ${dataDir} is in use by another process (just starting, not yet registered). Try again once it has finished.`,
    }, { dataDir, holder: null });
  }
  const label = HOST_LABEL[holder.host];
  return new AppError('data_folder.busy', {
    zh: `数据文件夹 ${dataDir} 正被${label.zh}使用（进程 ${holder.pid}，主机 ${holder.hostname}，自 ${holder.since} 起）。同一数据文件夹同时只能由一个程序写入；请先关闭它或等它结束后再试。`,
    en: `The data folder ${dataDir} is in use by ${label.en} (pid ${holder.pid} on ${holder.hostname}, since ${holder.since}). Only one process may write to a data folder at a time; close it or wait for it to finish, then try again.`,
  }, { dataDir, holder });
}

/** Claims the folder before anything else touches its database. Throws data_folder.busy when refused. */
export function claimDataFolder(dataDir: string, host: OwnerHost, access: FolderAccess): FolderClaim {
  const claim = claimOwnership(dataDir, host);
  if (claim.ok) return { role: 'owner', lock: claim.lock };
  if (access === 'owner-or-reader') return { role: 'reader', holder: claim.holder };
  throw folderBusyError(dataDir, claim.holder);
}
