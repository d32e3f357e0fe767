-- Each sending of a return becomes a row of its own (returns/submissions.server.ts), instead of
-- the one snapshot column on AnnualReturn that a resubmission overwrote.

-- CreateTable
CREATE TABLE "Submission" (
    "id" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "submittedById" TEXT,
    "late" BOOLEAN NOT NULL,
    "language" "Language" NOT NULL,
    "snapshot" JSONB NOT NULL,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Submission_returnId_number_key" ON "Submission"("returnId", "number");

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AnnualReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Submission" ADD CONSTRAINT "Submission_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The snapshot each sent return has becomes its latest submission. Its number counts the
-- sendings the history records, so the next receipt's key follows on from the last one sent.
INSERT INTO "Submission" ("id", "returnId", "number", "submittedAt", "submittedById", "late", "language", "snapshot")
SELECT
  'sub_' || r."id",
  r."id",
  GREATEST(1, (
    SELECT count(*) FROM "AuditEvent" a
    WHERE a."action" = 'return.submitted' AND a."targetType" = 'AnnualReturn' AND a."targetId" = r."id"
  ))::int,
  r."submittedAt",
  r."submittedById",
  r."submittedAt" > c."dueAt",
  r."language",
  r."snapshot"
FROM "AnnualReturn" r
JOIN "Campaign" c ON c."id" = r."campaignId"
WHERE r."snapshot" IS NOT NULL AND r."submittedAt" IS NOT NULL;

-- AlterTable
ALTER TABLE "AnnualReturn" DROP COLUMN "snapshot";

-- A submission is what was sent: never changed, never removed. The one change allowed is the
-- foreign key's own ON DELETE SET NULL when the person who sent it is erased.
CREATE OR REPLACE FUNCTION "submission_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW."submittedById" IS NULL AND OLD."submittedById" IS NOT NULL
     AND NEW."id" = OLD."id" AND NEW."returnId" = OLD."returnId" AND NEW."number" = OLD."number"
     AND NEW."submittedAt" = OLD."submittedAt" AND NEW."late" = OLD."late"
     AND NEW."language" = OLD."language" AND NEW."snapshot" = OLD."snapshot" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'Submission rows are never changed or removed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Submission_append_only"
  BEFORE UPDATE OR DELETE ON "Submission"
  FOR EACH ROW EXECUTE FUNCTION "submission_append_only"();

CREATE TRIGGER "Submission_no_truncate"
  BEFORE TRUNCATE ON "Submission"
  FOR EACH STATEMENT EXECUTE FUNCTION "submission_append_only"();
