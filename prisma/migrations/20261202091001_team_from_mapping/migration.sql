-- Teams from the group-to-scope mapping (issue 12): a mapping can name the team its clusters and subscriptions belong
-- to. A cluster's `team` stays the one column every reader uses (snapshots, team comparison, triage, the digest); it is
-- its `team` tag when it has one, else the team of a mapping that names it (lib/sync/mapped-teams.ts).
-- `team_from_mapping` says which: the inventory sync rewrites tag teams, the mapping rewrites only its own.

-- AlterTable
ALTER TABLE "group_scopes" ADD COLUMN "owner_team" TEXT;

-- AlterTable
ALTER TABLE "clusters" ADD COLUMN "team_from_mapping" BOOLEAN NOT NULL DEFAULT false;
