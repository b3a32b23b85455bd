-- Registry-scan CVEs (findings on no cluster) by image digest, with every column a count groups by: a limited
-- viewer's totals add the CVEs of the images their clusters run (lib/data/finding-counts.ts), and the cluster page
-- lists and counts those of the images one cluster runs. The generic image-digest index also holds every runtime
-- finding on a cluster, so those reads fetched and discarded most of what it pointed at (0.7 s for the payments
-- team at a million findings); this one answers them from the index alone.
CREATE INDEX IF NOT EXISTS "findings_registry_digest_idx" ON "findings" ("image_digest", "status", "severity")
  INCLUDE ("source", "control_id", "stage", "subscription_id") WHERE "cluster_id" IS NULL;
