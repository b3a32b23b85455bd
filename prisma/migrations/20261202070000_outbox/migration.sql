-- The outbox (issues 10 and 12): everything the app sends out — triage write-backs to Defender and Sentinel, weekly
-- digests to Teams webhooks — written in the same transaction as the change that causes it, then drained by a
-- worker with backoff. A row is never deleted: its state says whether it was sent, is waiting, or was given up.

-- CreateEnum
CREATE TYPE "OutboxState" AS ENUM ('pending', 'sent', 'failed', 'given_up');

-- CreateTable
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "ordering_key" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "OutboxState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "last_status" INTEGER,
    "finding_id" BIGINT,
    "dedupe_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: a digest is sent once per week and team; a second enqueue of the same key is a no-op.
CREATE UNIQUE INDEX "outbox_dedupe_key_key" ON "outbox"("dedupe_key");

-- CreateIndex: the drainer's pick — rows due first.
CREATE INDEX "outbox_state_next_attempt_at_id_idx" ON "outbox"("state", "next_attempt_at", "id");

-- CreateIndex: rows of one target go out in order (an earlier unsent row holds later ones back).
CREATE INDEX "outbox_ordering_key_id_idx" ON "outbox"("ordering_key", "id");

-- CreateIndex: the triage item's latest write-back, for the queue and the item page.
CREATE INDEX "outbox_finding_id_id_idx" ON "outbox"("finding_id", "id");
