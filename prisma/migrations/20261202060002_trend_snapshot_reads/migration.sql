-- Trends (issue 12): the trend report reads one scope's rows over a year. Rows of a day are written together for every
-- scope, so one scope's rows are spread over thousands of heap pages; a covering index answers the read from the
-- index alone (measured at a million findings: scripts/bench/trends-bench.ts).

-- CreateIndex
CREATE INDEX "posture_snapshots_scope_day_severity_open_opened_fixed_idx" ON "posture_snapshots"("scope", "day", "severity", "open", "opened", "fixed");
