-- Trends for managers (issue 12): the daily secure score history, and the indexes "what changed" reads by.
-- Defender keeps about three months of score history; this table is the customer's own, longer record. One row per
-- day × subscription × control; control_id '' is the subscription's overall score (secureScores/ascScore).
-- Today's row is upserted by each sync; past days are never rewritten.

-- CreateTable
CREATE TABLE "secure_score_history" (
    "day" DATE NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "control_id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "current" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "percentage" DOUBLE PRECISION NOT NULL,
    "weight" BIGINT,
    "healthy" INTEGER,
    "unhealthy" INTEGER,
    "not_applicable" INTEGER,

    CONSTRAINT "secure_score_history_pkey" PRIMARY KEY ("day", "subscription_id", "control_id")
);

-- CreateIndex: one subscription's (or control's) line over time, and "the latest row on or before day d".
CREATE INDEX "secure_score_history_subscription_id_control_id_day_idx" ON "secure_score_history"("subscription_id", "control_id", "day");

-- CreateIndex: "new critical/high findings first seen this week" is a range on first_seen_at within a severity.
CREATE INDEX "findings_severity_first_seen_at_idx" ON "findings"("severity", "first_seen_at");

-- CreateIndex: "fixed this week" is a range on resolved_at within a severity.
CREATE INDEX "findings_severity_resolved_at_idx" ON "findings"("severity", "resolved_at");

-- CreateIndex: "newly breaching SLAs this week" is a range on due_at.
CREATE INDEX "triage_items_due_at_idx" ON "triage_items"("due_at");
