// Main process. Migration 003: a submission can be 'superseded' — a newer submission of the same invoice
// (with its current values) took its place, so it is never sent again. Before, a crash's 'unknown' rows
// stayed unknown for ever, and a resumed job re-sent them with the values of the day they were queued, after
// the newer submission (the ERP went back to an old 发票号码).
//
// SQLite cannot change a CHECK constraint in place: the table is rebuilt with the same columns and indexes.
// Nothing references submissions, so dropping the old table breaks no foreign key.
export const sql = `
CREATE TABLE submissions_003 (
  id            INTEGER PRIMARY KEY,
  invoice_id    INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  invoice_no    TEXT    NOT NULL,
  payload       TEXT    NOT NULL,
  state         TEXT    NOT NULL CHECK (state IN ('queued','sending','accepted','rejected','unknown','superseded')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  platform_code TEXT,
  message       TEXT,
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  sent_at       TEXT,
  job_id        INTEGER REFERENCES jobs(id) ON DELETE SET NULL
);
INSERT INTO submissions_003 (id, invoice_id, invoice_no, payload, state, attempts, platform_code, message, created_at, updated_at, sent_at, job_id)
  SELECT id, invoice_id, invoice_no, payload, state, attempts, platform_code, message, created_at, updated_at, sent_at, job_id FROM submissions;
DROP TABLE submissions;
ALTER TABLE submissions_003 RENAME TO submissions;
CREATE INDEX submissions_invoice ON submissions(invoice_id, id);
CREATE INDEX submissions_state   ON submissions(state, id);
CREATE INDEX submissions_no      ON submissions(invoice_no, id);
`;
