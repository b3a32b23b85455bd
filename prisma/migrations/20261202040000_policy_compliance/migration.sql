-- Azure Policy compliance (issue 11): the latest policy states, policy exemptions, Azure's own per-subscription
-- summary, a compliance summary the sync keeps current for the compliance page, and the Kubernetes versions AKS
-- supports per region (cluster version support). Non-compliant and compliant states are also findings (source
-- policy-state), so controls are scored from one table; these tables hold what findings cannot: assignment,
-- initiative, definition reference and the Kubernetes object a Gatekeeper result names.

-- CreateTable
CREATE TABLE "policy_states" (
    "source_key" TEXT NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "resource_id" TEXT NOT NULL,
    "resource_type" TEXT,
    "resource_group" TEXT,
    "cluster_id" TEXT,
    "k8s_namespace" TEXT,
    "k8s_kind" TEXT,
    "k8s_name" TEXT,
    "policy_assignment_id" TEXT NOT NULL,
    "policy_assignment_name" TEXT,
    "policy_definition_id" TEXT NOT NULL,
    "policy_definition_name" TEXT NOT NULL,
    "policy_title" TEXT NOT NULL,
    "policy_set_definition_id" TEXT,
    "policy_definition_reference_id" TEXT,
    "policy_definition_group_names" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "effect" TEXT,
    "compliance_state" TEXT NOT NULL,
    "evaluated_at" TIMESTAMPTZ(3),
    "last_run_id" BIGINT NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_states_pkey" PRIMARY KEY ("source_key")
);

-- CreateIndex
CREATE INDEX "policy_states_policy_definition_id_compliance_state_idx" ON "policy_states"("policy_definition_id", "compliance_state");

-- CreateIndex
CREATE INDEX "policy_states_resource_id_idx" ON "policy_states"("resource_id");

-- CreateIndex
CREATE INDEX "policy_states_cluster_id_compliance_state_idx" ON "policy_states"("cluster_id", "compliance_state");

-- CreateIndex
CREATE INDEX "policy_states_subscription_id_idx" ON "policy_states"("subscription_id");

-- CreateTable
CREATE TABLE "policy_exemptions" (
    "id" TEXT NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "display_name" TEXT,
    "description" TEXT,
    "category" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "cluster_id" TEXT,
    "policy_assignment_id" TEXT NOT NULL,
    "policy_definition_reference_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "expires_at" TIMESTAMPTZ(3),
    "last_run_id" BIGINT NOT NULL,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_exemptions_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "policy_exemptions_subscription_id_idx" ON "policy_exemptions"("subscription_id");

-- CreateIndex
CREATE INDEX "policy_exemptions_policy_assignment_id_idx" ON "policy_exemptions"("policy_assignment_id");

-- CreateTable
CREATE TABLE "policy_compliance_summary" (
    "id" BIGSERIAL NOT NULL,
    "subscription_id" TEXT NOT NULL,
    "cluster_id" TEXT,
    "kubernetes" BOOLEAN NOT NULL,
    "policy_assignment_id" TEXT NOT NULL,
    "policy_assignment_name" TEXT,
    "policy_set_definition_id" TEXT,
    "policy_definition_id" TEXT NOT NULL,
    "policy_title" TEXT NOT NULL,
    "compliant" INTEGER NOT NULL,
    "non_compliant" INTEGER NOT NULL,
    "exempt" INTEGER NOT NULL,
    "other" INTEGER NOT NULL,

    CONSTRAINT "policy_compliance_summary_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "policy_compliance_summary_cluster_id_idx" ON "policy_compliance_summary"("cluster_id");

-- CreateIndex
CREATE INDEX "policy_compliance_summary_subscription_id_idx" ON "policy_compliance_summary"("subscription_id");

-- CreateTable
CREATE TABLE "policy_subscription_summaries" (
    "subscription_id" TEXT NOT NULL,
    "non_compliant_resources" INTEGER NOT NULL,
    "non_compliant_policies" INTEGER NOT NULL,
    "raw" JSONB NOT NULL,
    "last_run_id" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "policy_subscription_summaries_pkey" PRIMARY KEY ("subscription_id")
);

-- CreateTable
CREATE TABLE "kubernetes_versions" (
    "location" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "is_preview" BOOLEAN NOT NULL,
    "is_default" BOOLEAN NOT NULL,
    "support_plans" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "patch_versions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "kubernetes_versions_pkey" PRIMARY KEY ("location", "version")
);
