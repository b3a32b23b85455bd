-- CreateEnum
CREATE TYPE "Severity" AS ENUM ('critical', 'high', 'medium', 'low', 'informational');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('open', 'resolved', 'dismissed');

-- CreateEnum
CREATE TYPE "FindingKind" AS ENUM ('recommendation', 'vulnerability', 'alert', 'policy', 'incident', 'pipeline');

-- CreateEnum
CREATE TYPE "Stage" AS ENUM ('plan', 'develop', 'build', 'deploy', 'operate');

-- CreateEnum
CREATE TYPE "SyncOutcome" AS ENUM ('running', 'succeeded', 'failed');

-- CreateTable
CREATE TABLE "subscriptions" (
    "id" TEXT NOT NULL,
    "display_name" TEXT,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "clusters" (
    "id" TEXT NOT NULL,
    "arm_id" TEXT NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "resource_group" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "kubernetes_version" TEXT,
    "provisioning_state" TEXT,
    "fqdn" TEXT,
    "rbac_enabled" BOOLEAN,
    "network_policy" TEXT,
    "team" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "raw" JSONB NOT NULL,
    "last_run_id" BIGINT,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "clusters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "registries" (
    "id" TEXT NOT NULL,
    "arm_id" TEXT NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "resource_group" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "location" TEXT,
    "login_server" TEXT,
    "sku" TEXT,
    "admin_user_enabled" BOOLEAN,
    "public_network_access" TEXT,
    "anonymous_pull_enabled" BOOLEAN,
    "team" TEXT,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "raw" JSONB NOT NULL,
    "last_run_id" BIGINT,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "deleted_at" TIMESTAMPTZ(3),

    CONSTRAINT "registries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "images" (
    "digest" TEXT NOT NULL,
    "registry_id" TEXT,
    "repository" TEXT NOT NULL,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "last_pushed_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "images_pkey" PRIMARY KEY ("digest")
);

-- CreateTable
CREATE TABLE "workloads" (
    "id" BIGSERIAL NOT NULL,
    "cluster_id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "image_digest" TEXT NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "workloads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "recommendation_metadata" (
    "key" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "description" TEXT,
    "remediation" TEXT,
    "categories" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "policy_definition_id" TEXT,
    "assessment_type" TEXT,
    "raw" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "recommendation_metadata_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "findings" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "kind" "FindingKind" NOT NULL,
    "rule_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "remediation" TEXT,
    "severity" "Severity" NOT NULL,
    "status" "FindingStatus" NOT NULL,
    "resource_id" TEXT NOT NULL,
    "resource_type" TEXT,
    "subscription_id" TEXT,
    "cluster_id" TEXT,
    "registry_id" TEXT,
    "image_digest" TEXT,
    "stage" "Stage" NOT NULL,
    "control_id" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,
    "resolved_at" TIMESTAMPTZ(3),
    "source_updated_at" TIMESTAMPTZ(3),
    "last_run_id" BIGINT NOT NULL,
    "raw" JSONB NOT NULL,

    CONSTRAINT "findings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_runs" (
    "id" BIGSERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "outcome" "SyncOutcome" NOT NULL,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,

    CONSTRAINT "sync_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "posture_snapshots" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "stage" "Stage" NOT NULL,
    "severity" "Severity" NOT NULL,
    "open" INTEGER NOT NULL,

    CONSTRAINT "posture_snapshots_pkey" PRIMARY KEY ("day","scope","source","stage","severity")
);

-- CreateIndex
CREATE UNIQUE INDEX "clusters_arm_id_key" ON "clusters"("arm_id");

-- CreateIndex
CREATE INDEX "clusters_team_idx" ON "clusters"("team");

-- CreateIndex
CREATE INDEX "clusters_subscription_id_idx" ON "clusters"("subscription_id");

-- CreateIndex
CREATE UNIQUE INDEX "registries_arm_id_key" ON "registries"("arm_id");

-- CreateIndex
CREATE INDEX "images_registry_id_repository_idx" ON "images"("registry_id", "repository");

-- CreateIndex
CREATE INDEX "workloads_image_digest_idx" ON "workloads"("image_digest");

-- CreateIndex
CREATE UNIQUE INDEX "workloads_cluster_id_namespace_kind_name_image_digest_key" ON "workloads"("cluster_id", "namespace", "kind", "name", "image_digest");

-- CreateIndex
CREATE INDEX "findings_status_severity_idx" ON "findings"("status", "severity");

-- CreateIndex
CREATE INDEX "findings_cluster_id_status_severity_idx" ON "findings"("cluster_id", "status", "severity");

-- CreateIndex
CREATE INDEX "findings_stage_status_idx" ON "findings"("stage", "status");

-- CreateIndex
CREATE INDEX "findings_control_id_status_idx" ON "findings"("control_id", "status");

-- CreateIndex
CREATE INDEX "findings_source_status_idx" ON "findings"("source", "status");

-- CreateIndex
CREATE INDEX "findings_image_digest_idx" ON "findings"("image_digest");

-- CreateIndex
CREATE INDEX "findings_rule_id_idx" ON "findings"("rule_id");

-- CreateIndex
CREATE UNIQUE INDEX "findings_source_source_key_key" ON "findings"("source", "source_key");

-- CreateIndex
CREATE INDEX "sync_runs_source_started_at_idx" ON "sync_runs"("source", "started_at" DESC);

-- CreateIndex
CREATE INDEX "posture_snapshots_scope_day_idx" ON "posture_snapshots"("scope", "day");

-- AddForeignKey
ALTER TABLE "clusters" ADD CONSTRAINT "clusters_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "registries" ADD CONSTRAINT "registries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "subscriptions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "images" ADD CONSTRAINT "images_registry_id_fkey" FOREIGN KEY ("registry_id") REFERENCES "registries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workloads" ADD CONSTRAINT "workloads_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "workloads" ADD CONSTRAINT "workloads_image_digest_fkey" FOREIGN KEY ("image_digest") REFERENCES "images"("digest") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "findings" ADD CONSTRAINT "findings_cluster_id_fkey" FOREIGN KEY ("cluster_id") REFERENCES "clusters"("id") ON DELETE SET NULL ON UPDATE CASCADE;
