// Main process. Migration 001: the whole first schema. SQL lives in a TS module so tsx, vitest and the
// esbuild bundle all carry it without file-system reads or loader tricks.
//
// Conventions: money is integer fen; timestamps are UTC ISO strings; `invoice_date` is '' when unknown
// (not NULL) so keyset pagination over it needs no NULL ordering rules — the repository maps '' ↔ null.
export const sql = `
CREATE TABLE invoices (
  id                  INTEGER PRIMARY KEY,
  invoice_no          TEXT    NOT NULL UNIQUE,
  order_no            TEXT    NOT NULL,
  bill_type           TEXT    NOT NULL DEFAULT '01' CHECK (bill_type IN ('01','02','03','04')),
  shop                TEXT    NOT NULL DEFAULT '',
  sale_org            TEXT    NOT NULL DEFAULT '',
  buyer_title         TEXT    NOT NULL DEFAULT '',
  amount_fen          INTEGER NOT NULL,
  tax_amount_fen      INTEGER,
  invoice_date        TEXT    NOT NULL DEFAULT '',
  invoice_code        TEXT    NOT NULL DEFAULT '',
  invoice_num         TEXT    NOT NULL DEFAULT '',
  pdf_url             TEXT    NOT NULL DEFAULT '',
  target_status       INTEGER NOT NULL DEFAULT 80 CHECK (target_status IN (65,75,80)),
  error_info          TEXT    NOT NULL DEFAULT '',
  source              TEXT    NOT NULL DEFAULT '',
  created_at          TEXT    NOT NULL,
  updated_at          TEXT    NOT NULL,
  -- Derived from reconcile()/submitStateOf(); kept current by refreshDerived() so the list can filter fast.
  recon_status        TEXT    NOT NULL DEFAULT 'not_queried',
  submit_state        TEXT    NOT NULL DEFAULT 'not_submitted',
  suning_invoice_num  TEXT    NOT NULL DEFAULT '',
  suning_amount_fen   INTEGER,
  queried_at          TEXT
);
-- One index per sortable column: ORDER BY col, id then walks the index (rowid is its implicit tail).
CREATE INDEX invoices_order_no     ON invoices(order_no);
CREATE INDEX invoices_shop         ON invoices(shop);
CREATE INDEX invoices_buyer_title  ON invoices(buyer_title);
CREATE INDEX invoices_amount       ON invoices(amount_fen);
CREATE INDEX invoices_date         ON invoices(invoice_date);
CREATE INDEX invoices_invoice_num  ON invoices(invoice_num);
CREATE INDEX invoices_invoice_code ON invoices(invoice_code);
CREATE INDEX invoices_updated_at   ON invoices(updated_at);
-- Status indexes: (status, id) serves ORDER BY status, id; the trailing filter columns let counts and
-- totals be answered from the index alone.
CREATE INDEX invoices_recon        ON invoices(recon_status, id, submit_state, invoice_date, shop);
CREATE INDEX invoices_submit       ON invoices(submit_state, id, recon_status, invoice_date, shop);

CREATE TABLE suning_invoices (
  id                 INTEGER PRIMARY KEY,
  order_no           TEXT    NOT NULL,
  order_item_id      TEXT    NOT NULL DEFAULT '',
  sale_org           TEXT    NOT NULL DEFAULT '',
  sale_tax_no        TEXT    NOT NULL DEFAULT '',
  invoice_flag       TEXT    NOT NULL,
  invoice_type       INTEGER NOT NULL CHECK (invoice_type IN (1,-1)),
  invoice_code       TEXT    NOT NULL DEFAULT '',
  invoice_num        TEXT    NOT NULL DEFAULT '',
  amount_fen         INTEGER NOT NULL,
  no_tax_amount_fen  INTEGER,
  invoice_date       TEXT,
  security_code      TEXT    NOT NULL DEFAULT '',
  old_invoice_code   TEXT    NOT NULL DEFAULT '',
  old_invoice_num    TEXT    NOT NULL DEFAULT '',
  logistics_order_id TEXT    NOT NULL DEFAULT '',
  logistics_comp     TEXT    NOT NULL DEFAULT '',
  invoice_status     TEXT    NOT NULL DEFAULT '',
  pdf_url            TEXT    NOT NULL DEFAULT '',
  position           INTEGER NOT NULL,
  fetched_at         TEXT    NOT NULL,
  raw                TEXT    NOT NULL
);
CREATE INDEX suning_invoices_order ON suning_invoices(order_no, position);

CREATE TABLE suning_queries (
  id        INTEGER PRIMARY KEY,
  order_no  TEXT    NOT NULL,
  bill_type TEXT    NOT NULL,
  at        TEXT    NOT NULL,
  outcome   TEXT    NOT NULL CHECK (outcome IN ('found','no_result','error')),
  invoices  INTEGER NOT NULL DEFAULT 0,
  code      TEXT,
  message   TEXT,
  job_id    INTEGER
);
CREATE INDEX suning_queries_order ON suning_queries(order_no, id);

CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL CHECK (kind IN ('suning_query','wangdian_submit')),
  state       TEXT    NOT NULL CHECK (state IN ('running','paused','done','cancelled','failed')),
  params      TEXT    NOT NULL DEFAULT '{}',
  total       INTEGER NOT NULL DEFAULT 0,
  done        INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  started_at  TEXT    NOT NULL,
  finished_at TEXT,
  last_error  TEXT
);
CREATE INDEX jobs_state ON jobs(state);

CREATE TABLE job_items (
  job_id     INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','done','failed')),
  code       TEXT,
  message    TEXT,
  PRIMARY KEY (job_id, invoice_id)
) WITHOUT ROWID;
CREATE INDEX job_items_pending ON job_items(job_id, state, invoice_id);

CREATE TABLE submissions (
  id            INTEGER PRIMARY KEY,
  invoice_id    INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  invoice_no    TEXT    NOT NULL,
  payload       TEXT    NOT NULL,
  state         TEXT    NOT NULL CHECK (state IN ('queued','sending','accepted','rejected','unknown')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  platform_code TEXT,
  message       TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  sent_at       TEXT,
  job_id        INTEGER REFERENCES jobs(id) ON DELETE SET NULL
);
CREATE INDEX submissions_invoice ON submissions(invoice_id, id);
CREATE INDEX submissions_state   ON submissions(state, id);
CREATE INDEX submissions_no      ON submissions(invoice_no, id);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY,
  at      TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  target  TEXT,
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_action ON audit_log(action, id);

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE secrets (
  name       TEXT PRIMARY KEY,
  ciphertext BLOB NOT NULL,
  hint       TEXT NOT NULL DEFAULT '',
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE import_batches (
  id          INTEGER PRIMARY KEY,
  file_name   TEXT    NOT NULL,
  format      TEXT    NOT NULL CHECK (format IN ('csv','xlsx')),
  encoding    TEXT,
  signature   TEXT    NOT NULL,
  mapping     TEXT    NOT NULL,
  row_count   INTEGER NOT NULL,
  inserted    INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL,
  invalid     INTEGER NOT NULL,
  actor       TEXT    NOT NULL,
  imported_at TEXT    NOT NULL
);

-- A confirmed column mapping, remembered per source (keyed by the normalised header signature).
CREATE TABLE import_mappings (
  signature    TEXT PRIMARY KEY,
  file_pattern TEXT NOT NULL DEFAULT '',
  headers      TEXT NOT NULL,
  mapping      TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) WITHOUT ROWID;
`;
