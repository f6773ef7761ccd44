-- The state database's tables exactly as release 0.1.0 created them, before schemas were versioned (no
-- schema_version table). Never edit: StateDatabaseMigrationTest opens a database made from this, as an
-- upgraded installation would find it. Statements end with a semicolon.

CREATE TABLE IF NOT EXISTS rescale_operations (
  id TEXT PRIMARY KEY,
  cluster TEXT NOT NULL,
  job_id TEXT NOT NULL,
  job_name TEXT NOT NULL,
  strategy TEXT NOT NULL,
  plan TEXT NOT NULL,
  state TEXT NOT NULL,
  trigger_id TEXT,
  savepoint_path TEXT,
  planned_job_id TEXT,
  current_job_id TEXT,
  previous_requirements TEXT,
  outcome TEXT,
  detail TEXT,
  started_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS rescale_operations_by_job ON rescale_operations (cluster, job_name, started_at);
CREATE INDEX IF NOT EXISTS rescale_operations_open ON rescale_operations (finished_at);
CREATE TABLE IF NOT EXISTS rescale_steps (
  operation_id TEXT NOT NULL REFERENCES rescale_operations (id),
  seq INTEGER NOT NULL,
  step TEXT NOT NULL,
  phase TEXT NOT NULL,
  at INTEGER NOT NULL,
  detail TEXT,
  PRIMARY KEY (operation_id, seq)
);

CREATE TABLE IF NOT EXISTS notification_log (
  notifier    TEXT    NOT NULL,
  dedup_key   TEXT    NOT NULL,
  fingerprint TEXT    NOT NULL,
  sent_at_ms  INTEGER NOT NULL,
  PRIMARY KEY (notifier, dedup_key)
);

CREATE TABLE IF NOT EXISTS decision_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at_ms INTEGER NOT NULL,
  cluster TEXT,
  job_id TEXT NOT NULL,
  job_name TEXT NOT NULL,
  kind TEXT NOT NULL,
  direction TEXT,
  current_parallelism INTEGER,
  target_parallelism INTEGER,
  mode TEXT NOT NULL,
  summary TEXT NOT NULL,
  details TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS decision_history_job ON decision_history (job_id, at_ms);
CREATE INDEX IF NOT EXISTS decision_history_at ON decision_history (at_ms);

CREATE TABLE IF NOT EXISTS snapshot (name TEXT PRIMARY KEY, saved_ms INTEGER NOT NULL, json TEXT NOT NULL);
