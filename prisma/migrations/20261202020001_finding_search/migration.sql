-- Indexed text search over findings: a trigram GIN index answers `ILIKE '%openssl%'` on title (which carries the
-- package), rule id (CVE, assessment key) and resource id without reading the whole table.
-- pg_trgm ships with Postgres but Azure Database for PostgreSQL only creates allow-listed extensions: add PG_TRGM
-- to the server parameter `azure.extensions` once (README, "Text search"). Where it cannot be created, the
-- migration still succeeds without the index, the app says search is unindexed, and searches scan instead.
DO $$
BEGIN
  CREATE EXTENSION IF NOT EXISTS pg_trgm;
EXCEPTION WHEN OTHERS THEN
  RAISE WARNING 'pg_trgm could not be created (%): findings search will work without an index. See README, "Text search".', SQLERRM;
END $$;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX "findings_search_trgm_idx" ON "findings" USING GIN ("title" gin_trgm_ops, "rule_id" gin_trgm_ops, "resource_id" gin_trgm_ops);
  END IF;
END $$;
