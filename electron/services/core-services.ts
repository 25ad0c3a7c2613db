// Main process. The services every handler module receives: composed once by app-core.
import type { Db } from '../db/open';
import type { Repositories } from '../db/repositories';
import type { SecretSource, StoredVault } from '../secrets/vault';
import type { EventSink } from './events';
import type { JobManager } from './jobs/manager';
import type { AutoService } from './auto/service';
import type { PlatformClients } from './platform-clients';
import type { SettingsService } from './settings';
import type { WriteGate } from './write-gate';
import type { PracticeController } from './practice';
import type { Workspace } from '../../shared/api/workspaces';
import type { ArchiveService } from './archive/service';

export interface CoreServices {
  readonly db: Db;
  readonly repos: Repositories;
  readonly settings: SettingsService;
  /** The stored vault (app) — null where secrets come from elsewhere (CLI environment). */
  readonly vault: StoredVault | null;
  readonly secrets: SecretSource;
  readonly clients: PlatformClients;
  readonly jobs: JobManager;
  /** 自动处理 runs (query → fill → submit over a selection), composed of the jobs above. */
  readonly auto: AutoService;
  /** The e-invoice file archive (issue 15): the job start and stored files for the hosts to open. */
  readonly archive: ArchiveService;
  readonly practice: PracticeController;
  readonly emit: EventSink;
  /** Held by an import while its worker writes; the main thread's own writers wait on it (write-gate.ts). */
  readonly writeGate: WriteGate;
  readonly host: 'electron' | 'browser' | 'cli';
  readonly version: string;
  readonly dataDir: string;
  /** The workspace (账套) this store is; null for a store opened directly. */
  readonly workspace: Workspace | null;
  /** Who the audit log names for actions through this host. */
  readonly actor: string;
}
