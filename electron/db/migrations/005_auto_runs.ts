// Main process. Migration 005: 自动处理 (issue 13 §4) — one persisted run over a fixed set of invoices that
// goes through three phases (query → fill → submit) by composing the existing jobs. The run stores its phase
// and the ids of the child jobs it started, so a process killed in any phase resumes in that phase, waits for
// (or resumes) the same child job, and never starts a second one for the same phase.
export const sql = `
CREATE TABLE auto_runs (
  id            INTEGER PRIMARY KEY,
  state         TEXT    NOT NULL CHECK (state IN ('running','paused','done','failed','cancelled')),
  phase         TEXT    NOT NULL CHECK (phase IN ('query','fill','submit','finished')),
  params        TEXT    NOT NULL,
  total         INTEGER NOT NULL,
  query_job_id  INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  submit_job_id INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  fill_batch    TEXT,
  fill_total    INTEGER NOT NULL DEFAULT 0,
  filled        INTEGER NOT NULL DEFAULT 0,
  fill_failed   INTEGER NOT NULL DEFAULT 0,
  started_at    TEXT    NOT NULL,
  finished_at   TEXT,
  last_error    TEXT,
  summary       TEXT
);
CREATE INDEX auto_runs_state ON auto_runs(state, id);
CREATE TABLE auto_run_items (
  run_id     INTEGER NOT NULL REFERENCES auto_runs(id) ON DELETE CASCADE,
  invoice_id INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
  PRIMARY KEY (run_id, invoice_id)
) WITHOUT ROWID;
`;
