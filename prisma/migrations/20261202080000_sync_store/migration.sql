-- A re-sync that writes only what changed (issue 13, items 1-2).
--
-- content_hash: a digest of the staged record as the source sent it. The merge rewrites a finding only when it
-- differs (or its status or cluster does), so an unchanged re-sync leaves the row, its index entries and its
-- TOAST chunks alone. NULL (rows written before this migration, or by a loader that does not hash) always merges.
ALTER TABLE "findings" ADD COLUMN "content_hash" TEXT;

-- When each finding source last completed a full (sweeping) run. Unchanged findings are not rewritten, so an open
-- finding's "last seen" is the later of its own last_seen_at and this time: a complete run resolves every open
-- finding it does not report, so every finding still open was seen by it.
CREATE TABLE "finding_source_seen" (
    "source" TEXT NOT NULL,
    "run_id" BIGINT NOT NULL,
    "seen_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "finding_source_seen_pkey" PRIMARY KEY ("source")
);

-- Reference data shared by many findings (a CVE's record, a package's details, a vendor's description), stored
-- once and addressed by a digest of its content; a finding's raw payload holds a marker where it was
-- (lib/domain/raw-parts.ts). Never updated: other content is another digest.
CREATE TABLE "raw_parts" (
    "hash" TEXT NOT NULL,
    "doc" JSONB NOT NULL,

    CONSTRAINT "raw_parts_pkey" PRIMARY KEY ("hash")
);

-- Raw payloads compress far better and faster with lz4 than with the default pglz; only where the server was
-- built with lz4 (a build without it rejects the setting, and the default stays).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
    ALTER TABLE "findings" ALTER COLUMN "raw" SET COMPRESSION lz4;
    ALTER TABLE "raw_parts" ALTER COLUMN "doc" SET COMPRESSION lz4;
  END IF;
END $$;
