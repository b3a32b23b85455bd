-- Summary tables: the overview, cluster pages, the clusters list and `posture stats` read these (a few hundred
-- rows), never the findings table (a million rows at enterprise size). A statement-level trigger with transition
-- tables keeps them current in the same transaction as whatever changed the findings — the sync's merge and
-- sweep, an import, a severity correction, a person's resolution — so no writer can forget them, and a rolled
-- back run rolls its counts back with it.

-- Open and total findings per scope key (subscription, cluster) × source × control × stage × severity × status.
-- '' stands for "no cluster" / "no subscription" so the key can be a primary key; such rows never match a scope.
CREATE TABLE "finding_counts" (
    "subscription_id" TEXT NOT NULL DEFAULT '',
    "cluster_id" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL,
    "control_id" TEXT NOT NULL,
    "stage" "Stage" NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "FindingStatus" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "finding_counts_pkey" PRIMARY KEY ("cluster_id", "subscription_id", "source", "control_id", "stage", "severity", "status")
);
-- Scope is "these clusters OR these subscriptions": the primary key serves the first arm, this index the second,
-- so the planner can answer a scoped read with a BitmapOr of two index scans.
CREATE INDEX "finding_counts_subscription_id_idx" ON "finding_counts"("subscription_id");

-- The same counts for the whole estate (what an unscoped person sees on the landing page): tens of rows.
CREATE TABLE "finding_totals" (
    "source" TEXT NOT NULL,
    "control_id" TEXT NOT NULL,
    "stage" "Stage" NOT NULL,
    "severity" "Severity" NOT NULL,
    "status" "FindingStatus" NOT NULL,
    "n" INTEGER NOT NULL,

    CONSTRAINT "finding_totals_pkey" PRIMARY KEY ("source", "control_id", "stage", "severity", "status")
);

-- Open findings per cluster and severity, one row per cluster, so the clusters list can sort by them.
CREATE TABLE "cluster_open_counts" (
    "cluster_id" TEXT NOT NULL,
    "critical" INTEGER NOT NULL DEFAULT 0,
    "high" INTEGER NOT NULL DEFAULT 0,
    "medium" INTEGER NOT NULL DEFAULT 0,
    "low" INTEGER NOT NULL DEFAULT 0,
    "informational" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "cluster_open_counts_pkey" PRIMARY KEY ("cluster_id")
);

-- Applies the difference a statement made (+1 per new row version, -1 per old one) to the three tables. Rows are
-- upserted in key order so two transactions touching the same keys queue instead of deadlocking. A count that
-- drops to zero stays as a zero row (the set of keys is bounded); readers sum, so zeros are harmless.
CREATE FUNCTION "apply_finding_count_deltas"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta_source text;
BEGIN
  delta_source := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT subscription_id, cluster_id, source, control_id, stage, severity, status, 1 AS d FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT subscription_id, cluster_id, source, control_id, stage, severity, status, -1 AS d FROM old_rows'
    ELSE 'SELECT subscription_id, cluster_id, source, control_id, stage, severity, status, 1 AS d FROM new_rows
          UNION ALL SELECT subscription_id, cluster_id, source, control_id, stage, severity, status, -1 FROM old_rows'
  END;
  EXECUTE format($q$
    WITH d AS (
      SELECT COALESCE(subscription_id, '') AS subscription_id, COALESCE(cluster_id, '') AS cluster_id, source, control_id,
             stage, severity, status, sum(d)::int AS n
        FROM (%s) x
       GROUP BY 1, 2, 3, 4, 5, 6, 7
      HAVING sum(d) <> 0
    ), counts AS (
      INSERT INTO finding_counts AS t (subscription_id, cluster_id, source, control_id, stage, severity, status, n)
      SELECT * FROM d ORDER BY cluster_id, subscription_id, source, control_id, stage, severity, status
      ON CONFLICT (cluster_id, subscription_id, source, control_id, stage, severity, status) DO UPDATE SET n = t.n + EXCLUDED.n
    ), totals AS (
      INSERT INTO finding_totals AS t (source, control_id, stage, severity, status, n)
      SELECT source, control_id, stage, severity, status, sum(n) FROM d
       GROUP BY source, control_id, stage, severity, status HAVING sum(n) <> 0
       ORDER BY source, control_id, stage, severity, status
      ON CONFLICT (source, control_id, stage, severity, status) DO UPDATE SET n = t.n + EXCLUDED.n
    ), per_cluster AS (
      INSERT INTO cluster_open_counts AS t (cluster_id, critical, high, medium, low, informational, total)
      SELECT cluster_id, COALESCE(sum(n) FILTER (WHERE severity = 'critical'), 0), COALESCE(sum(n) FILTER (WHERE severity = 'high'), 0),
             COALESCE(sum(n) FILTER (WHERE severity = 'medium'), 0), COALESCE(sum(n) FILTER (WHERE severity = 'low'), 0),
             COALESCE(sum(n) FILTER (WHERE severity = 'informational'), 0), sum(n)
        FROM d WHERE status = 'open' AND cluster_id <> ''
       GROUP BY cluster_id ORDER BY cluster_id
      ON CONFLICT (cluster_id) DO UPDATE SET
        critical = t.critical + EXCLUDED.critical, high = t.high + EXCLUDED.high, medium = t.medium + EXCLUDED.medium,
        low = t.low + EXCLUDED.low, informational = t.informational + EXCLUDED.informational, total = t.total + EXCLUDED.total
    )
    SELECT 1 $q$, delta_source);
  RETURN NULL;
END $$;

CREATE FUNCTION "truncate_finding_counts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE finding_counts, finding_totals, cluster_open_counts;
  RETURN NULL;
END $$;

CREATE TRIGGER "finding_counts_insert" AFTER INSERT ON "findings" REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "apply_finding_count_deltas"();
CREATE TRIGGER "finding_counts_update" AFTER UPDATE ON "findings" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "apply_finding_count_deltas"();
CREATE TRIGGER "finding_counts_delete" AFTER DELETE ON "findings" REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION "apply_finding_count_deltas"();
CREATE TRIGGER "finding_counts_truncate" AFTER TRUNCATE ON "findings"
    FOR EACH STATEMENT EXECUTE FUNCTION "truncate_finding_counts"();

-- Existing installations: count what is already there.
INSERT INTO finding_counts (subscription_id, cluster_id, source, control_id, stage, severity, status, n)
SELECT COALESCE(subscription_id, ''), COALESCE(cluster_id, ''), source, control_id, stage, severity, status, count(*)::int
  FROM findings GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO finding_totals (source, control_id, stage, severity, status, n)
SELECT source, control_id, stage, severity, status, sum(n) FROM finding_counts GROUP BY 1, 2, 3, 4, 5;
INSERT INTO cluster_open_counts (cluster_id, critical, high, medium, low, informational, total)
SELECT cluster_id, COALESCE(sum(n) FILTER (WHERE severity = 'critical'), 0), COALESCE(sum(n) FILTER (WHERE severity = 'high'), 0),
       COALESCE(sum(n) FILTER (WHERE severity = 'medium'), 0), COALESCE(sum(n) FILTER (WHERE severity = 'low'), 0),
       COALESCE(sum(n) FILTER (WHERE severity = 'informational'), 0), sum(n)
  FROM finding_counts WHERE status = 'open' AND cluster_id <> '' GROUP BY cluster_id;

-- Findings lists page by keyset in the order (severity, id DESC) within each filter people use; each index
-- leads with a filter column so one severity's page is a single range scan at any depth. They replace the
-- (x, status[, severity]) indexes they extend. subscription_id gets one too: the scope predicate's second arm.
DROP INDEX "findings_status_severity_idx";
DROP INDEX "findings_cluster_id_status_severity_idx";
DROP INDEX "findings_stage_status_idx";
DROP INDEX "findings_control_id_status_idx";
DROP INDEX "findings_source_status_idx";
CREATE INDEX "findings_status_severity_id_idx" ON "findings"("status", "severity", "id" DESC);
CREATE INDEX "findings_cluster_id_status_severity_id_idx" ON "findings"("cluster_id", "status", "severity", "id" DESC);
CREATE INDEX "findings_subscription_id_status_severity_id_idx" ON "findings"("subscription_id", "status", "severity", "id" DESC);
CREATE INDEX "findings_stage_status_severity_id_idx" ON "findings"("stage", "status", "severity", "id" DESC);
CREATE INDEX "findings_control_id_status_severity_id_idx" ON "findings"("control_id", "status", "severity", "id" DESC);
CREATE INDEX "findings_source_status_severity_id_idx" ON "findings"("source", "status", "severity", "id" DESC);
