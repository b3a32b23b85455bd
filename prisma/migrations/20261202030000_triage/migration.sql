-- Security triage (issue 10): analyst fields of Defender alerts and Sentinel incidents, the triage queue the sync
-- keeps current, and each item's history. Rows key on findings.id; findings are never deleted, so no cascade is
-- needed (and the shared findings model stays untouched).

-- CreateEnum
CREATE TYPE "TriageStatus" AS ENUM ('new', 'acknowledged', 'in_progress', 'resolved', 'false_positive', 'risk_accepted');

-- CreateTable
CREATE TABLE "security_events" (
    "finding_id" BIGINT NOT NULL,
    "system_alert_id" TEXT,
    "related_alert_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "tactics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "techniques" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "entities" JSONB NOT NULL DEFAULT '[]',
    "remediation_steps" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "portal_url" TEXT,
    "product_name" TEXT,
    "compromised_entity" TEXT,
    "target_kind" TEXT,
    "target_name" TEXT,
    "source_status" TEXT,
    "source_owner" TEXT,
    "classification" TEXT,
    "classification_reason" TEXT,
    "incident_number" INTEGER,
    "alert_count" INTEGER,
    "comment_count" INTEGER,
    "started_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "security_events_pkey" PRIMARY KEY ("finding_id")
);

-- CreateTable
CREATE TABLE "triage_items" (
    "finding_id" BIGINT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "severity" "Severity" NOT NULL,
    "severity_rank" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "cluster_id" TEXT,
    "subscription_id" TEXT,
    "team" TEXT,
    "detected_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "TriageStatus" NOT NULL DEFAULT 'new',
    "owner_id" TEXT,
    "owner_name" TEXT,
    "accepted_until" TIMESTAMPTZ(3),
    "justification" TEXT,
    "reopened_at" TIMESTAMPTZ(3),
    "parent_id" BIGINT,
    "source_open" BOOLEAN NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "triage_items_pkey" PRIMARY KEY ("finding_id")
);

-- CreateTable
CREATE TABLE "triage_events" (
    "id" BIGSERIAL NOT NULL,
    "finding_id" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "actor_name" TEXT,
    "kind" TEXT NOT NULL,
    "from_value" TEXT,
    "to_value" TEXT,
    "comment" TEXT,

    CONSTRAINT "triage_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "security_events_system_alert_id_idx" ON "security_events"("system_alert_id");

-- CreateIndex: the queue's sort (most urgent first), so a page is an index range scan.
CREATE INDEX "triage_items_severity_rank_due_at_detected_at_finding_id_idx" ON "triage_items"("severity_rank", "due_at", "detected_at", "finding_id");

-- CreateIndex
CREATE INDEX "triage_items_cluster_id_status_idx" ON "triage_items"("cluster_id", "status");

-- CreateIndex
CREATE INDEX "triage_items_status_accepted_until_idx" ON "triage_items"("status", "accepted_until");

-- CreateIndex
CREATE INDEX "triage_items_owner_id_status_idx" ON "triage_items"("owner_id", "status");

-- CreateIndex
CREATE INDEX "triage_items_parent_id_idx" ON "triage_items"("parent_id");

-- CreateIndex
CREATE INDEX "triage_events_finding_id_at_idx" ON "triage_events"("finding_id", "at");

-- AddForeignKey
ALTER TABLE "triage_events" ADD CONSTRAINT "triage_events_finding_id_fkey" FOREIGN KEY ("finding_id") REFERENCES "triage_items"("finding_id") ON DELETE RESTRICT ON UPDATE CASCADE;
