// Main process. The ordered list of schema migrations; append only, never edit an applied one
// (openDatabase compares checksums and refuses a drifted history).
import { sql as init001 } from './001_init';
import { sql as dateInvoiceNo002 } from './002_date_invoice_no_index';
import { sql as supersededSubmissions003 } from './003_superseded_submissions';
import { sql as appValues004 } from './004_app_values_query_failure';
import { sql as autoRuns005 } from './005_auto_runs';
import { sql as clerkDecisions006 } from './006_clerk_decisions';
import { sql as invoiceFiles007 } from './007_invoice_files';
import { sql as amountDiff008 } from './008_amount_diff';
import { sql as overviewIndex009 } from './009_overview_index';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /**
   * Runs with foreign keys off (SQLite's procedure for rebuilding a table other tables reference: with them on,
   * dropping the old table would cascade into its children). migrate() runs foreign_key_check before the commit.
   */
  readonly foreignKeysOff?: boolean;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init001 },
  { version: 2, name: 'date_invoice_no_index', sql: dateInvoiceNo002 },
  { version: 3, name: 'superseded_submissions', sql: supersededSubmissions003 },
  { version: 4, name: 'app_values_query_failure', sql: appValues004 },
  { version: 5, name: 'auto_runs', sql: autoRuns005 },
  { version: 6, name: 'clerk_decisions', sql: clerkDecisions006 },
  { version: 7, name: 'invoice_files', sql: invoiceFiles007, foreignKeysOff: true },
  { version: 8, name: 'amount_diff', sql: amountDiff008 },
  { version: 9, name: 'overview_index', sql: overviewIndex009 },
];
