-- Trends (issue 12): time to remediate over a year read ~37 k daily rows for the estate (and every team's for the team
-- column), most of them heap fetches — 430 ms p95 at a million findings. remediation_monthly holds the same counts per
-- calendar month, summed over days and sources, kept by the snapshot writer (lib/sync/remediation-rollup.ts) in the
-- same transaction, so a year is ~11 months of rows plus the daily rows of the two partial months at the range's ends.
-- Sums stay exact: a month's rows equal the sum of its days' rows (tested), and only months wholly inside the range
-- are read from here.

-- CreateTable
CREATE TABLE "remediation_monthly" (
    "month" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "ttr_days" INTEGER NOT NULL,
    "fixed" INTEGER NOT NULL,

    CONSTRAINT "remediation_monthly_pkey" PRIMARY KEY ("scope", "month", "severity", "ttr_days")
);

-- Covering indexes: the report's reads (one scope, a range of months or days) are answered from the index alone.
-- CreateIndex
CREATE INDEX "remediation_monthly_scope_month_severity_ttr_days_fixed_idx" ON "remediation_monthly"("scope", "month", "severity", "ttr_days", "fixed");

-- CreateIndex
CREATE INDEX "remediation_snapshots_scope_day_severity_ttr_days_fixed_idx" ON "remediation_snapshots"("scope", "day", "severity", "ttr_days", "fixed");

-- The back-fill of existing daily rows (a database that already has snapshots; a fresh one has none).
INSERT INTO "remediation_monthly" ("month", "scope", "severity", "ttr_days", "fixed")
SELECT date_trunc('month', "day")::date, "scope", "severity", "ttr_days", sum("fixed")::int
  FROM "remediation_snapshots" GROUP BY 1, 2, 3, 4;
