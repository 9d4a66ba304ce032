-- Migration 0001: a key/value table for deployment facts (schema version,
-- content revision). The learning tables arrive in later migrations.
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT
);
