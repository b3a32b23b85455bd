-- Trends for managers (issue 12): daily snapshots per scope kept for at least 400 days. `scope` is 'all' (the estate),
-- a cluster id, or 'team:<team>' (clusters carry their team from their tags). Written by the sync, set-based, for
-- today (and any days since the last sync); back-filled once; past days are rewritten only by `posture snapshots rebuild`.

-- Opened (first seen) and fixed (resolved) that day, beside the open count.
ALTER TABLE "posture_snapshots" ADD COLUMN "opened" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "posture_snapshots" ADD COLUMN "fixed" INTEGER NOT NULL DEFAULT 0;

-- CreateTable: findings fixed per day, by how many days they had been open (exact mean and median time to remediate).
CREATE TABLE "remediation_snapshots" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "ttr_days" INTEGER NOT NULL,
    "fixed" INTEGER NOT NULL,

    CONSTRAINT "remediation_snapshots_pkey" PRIMARY KEY ("scope", "day", "source", "severity", "ttr_days")
);

-- CreateTable: triage items past their SLA at the end of each day.
CREATE TABLE "sla_breach_snapshots" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "severity" "Severity" NOT NULL,
    "breached" INTEGER NOT NULL,

    CONSTRAINT "sla_breach_snapshots_pkey" PRIMARY KEY ("scope", "day", "severity")
);

-- CreateTable: Azure Policy compliance per initiative (or assignment) per day.
CREATE TABLE "policy_compliance_snapshots" (
    "day" DATE NOT NULL,
    "scope" TEXT NOT NULL,
    "initiative" TEXT NOT NULL,
    "initiative_name" TEXT NOT NULL,
    "compliant" INTEGER NOT NULL,
    "non_compliant" INTEGER NOT NULL,

    CONSTRAINT "policy_compliance_snapshots_pkey" PRIMARY KEY ("scope", "day", "initiative")
);

-- CreateTable: the last day written per snapshot family ('findings:<source>', 'sla', 'policy'), so the next write
-- fills the days without a sync and a first write back-fills.
CREATE TABLE "snapshot_state" (
    "key" TEXT NOT NULL,
    "last_day" DATE NOT NULL,

    CONSTRAINT "snapshot_state_pkey" PRIMARY KEY ("key")
);
