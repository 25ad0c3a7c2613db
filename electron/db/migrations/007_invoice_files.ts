// Main process. Migration 007 (issue 15): the archived e-invoice file of every Suning invoice, and the file
// verdict beside the reconciliation.
// - invoice_files: one row per Suning invoice (blue or red) of an order, keyed by what identifies it across
//   queries (order, 发票号码, 发票代码, kind) — suning_invoices rows are replaced on every answer, so their ids
//   cannot be referenced. sha256 names the stored file (<data>/archive/ab/<sha256>.pdf); it is set only once
//   the bytes are complete under that name. facts_json = EinvoiceFacts read by the parser, parse_problem =
//   why a stored file could not be read ({zh,en} JSON).
// - invoices.file_verdict: derived (checkInvoiceFile, electron/db/derived.ts), indexed like recon_status.
// - jobs.kind gains 'archive'. SQLite cannot change a CHECK constraint in place, so jobs is rebuilt; job_items,
//   submissions and auto_runs reference it, so this migration runs with foreign keys off (SQLite's documented
//   table rebuild) and migrate() checks foreign_key_check before it commits.
export const sql = `
CREATE TABLE invoice_files (
  id                  INTEGER PRIMARY KEY,
  order_no            TEXT    NOT NULL,
  suning_invoice_num  TEXT    NOT NULL,
  suning_invoice_code TEXT    NOT NULL DEFAULT '',
  kind                TEXT    NOT NULL CHECK (kind IN ('blue','red')),
  source_url          TEXT    NOT NULL,
  outcome             TEXT    NOT NULL CHECK (outcome IN ('stored','link_expired','not_pdf','incomplete','too_large','bad_url','redirect_refused','timeout','network','http_error')),
  outcome_detail      TEXT    NOT NULL DEFAULT '',
  http_status         INTEGER,
  sha256              TEXT    CHECK (sha256 IS NULL OR (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*')),
  size                INTEGER,
  fetched_at          TEXT    NOT NULL,
  attempts            INTEGER NOT NULL DEFAULT 0,
  facts_json          TEXT,
  parse_problem       TEXT,
  CHECK ((outcome = 'stored') = (sha256 IS NOT NULL)),
  UNIQUE (order_no, suning_invoice_num, suning_invoice_code, kind)
);
CREATE INDEX invoice_files_sha256 ON invoice_files(sha256);
CREATE INDEX invoice_files_source ON invoice_files(source_url);

ALTER TABLE invoices ADD COLUMN file_verdict TEXT NOT NULL DEFAULT 'not_downloaded'
  CHECK (file_verdict IN ('match','mismatch','unavailable','not_downloaded'));
CREATE INDEX invoices_file_verdict ON invoices(file_verdict, id, recon_status);

CREATE TABLE jobs_007 (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('suning_query','wangdian_submit','archive')),
  state       TEXT    NOT NULL CHECK (state IN ('running','paused','done','cancelled','failed')),
  params      TEXT    NOT NULL DEFAULT '{}',
  total       INTEGER NOT NULL DEFAULT 0,
  done        INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  started_at  TEXT    NOT NULL,
  finished_at TEXT,
  last_error  TEXT
);
INSERT INTO jobs_007 (id, kind, state, params, total, done, failed, started_at, finished_at, last_error)
  SELECT id, kind, state, params, total, done, failed, started_at, finished_at, last_error FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_007 RENAME TO jobs;
CREATE INDEX jobs_state ON jobs(state);
`;
