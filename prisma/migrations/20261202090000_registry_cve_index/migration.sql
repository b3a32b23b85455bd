-- Registry-scan CVEs (findings on no cluster) in list order, with their image digest: a limited viewer's findings
-- list reads the CVEs of the images their clusters run (lib/data/scope.ts, findingScopeArmsSql) by walking this
-- index from the cursor and filtering on the digest inside the index, instead of fetching each row from the table.
-- Prisma's schema cannot state a partial index with INCLUDE columns: schema.prisma names it in a comment.
CREATE INDEX IF NOT EXISTS "findings_registry_cve_idx" ON "findings" ("status", "severity", "id" DESC) INCLUDE ("image_digest")
  WHERE "cluster_id" IS NULL;
