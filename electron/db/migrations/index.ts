// Main process. The ordered list of schema migrations; append only, never edit an applied one
// (openDatabase compares checksums and refuses a drifted history).
import { sql as init001 } from './001_init';
import { sql as dateInvoiceNo002 } from './002_date_invoice_no_index';
import { sql as appValues005 } from './005_app_values_query_failure';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init001 },
  { version: 2, name: 'date_invoice_no_index', sql: dateInvoiceNo002 },
  { version: 5, name: 'app_values_query_failure', sql: appValues005 },
];
