// Main process. Every repository over one open database.
import type { Db } from '../open';
import { appValuesRepo } from './app-values';
import { applyBatchesRepo } from './apply-batches';
import { auditRepo } from './audit';
import { autoRunsRepo } from './auto-runs';
import { importsRepo } from './imports';
import { invoiceFilesRepo } from './invoice-files';
import { invoicesRepo } from './invoices';
import { jobsRepo } from './jobs';
import { secretsRepo } from './secrets';
import { settingsRepo } from './settings';
import { submissionsRepo } from './submissions';
import { suningRepo } from './suning';

export function repositories(db: Db) {
  return {
    invoices: invoicesRepo(db),
    suning: suningRepo(db),
    submissions: submissionsRepo(db),
    jobs: jobsRepo(db),
    audit: auditRepo(db),
    settings: settingsRepo(db),
    secrets: secretsRepo(db),
    imports: importsRepo(db),
    appValues: appValuesRepo(db),
    applyBatches: applyBatchesRepo(db),
    autoRuns: autoRunsRepo(db),
    files: invoiceFilesRepo(db),
  };
}
export type Repositories = ReturnType<typeof repositories>;

export { appValuesRepo, applyBatchesRepo, auditRepo, autoRunsRepo, importsRepo, invoiceFilesRepo, invoicesRepo, jobsRepo, secretsRepo, settingsRepo, submissionsRepo, suningRepo };
