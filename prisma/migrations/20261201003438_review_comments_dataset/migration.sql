-- CreateEnum
CREATE TYPE "CommentSide" AS ENUM ('STAFF', 'PARTNER');

-- CreateEnum
CREATE TYPE "DatasetLink" AS ENUM ('PRIMARY', 'SECONDARY', 'OTHER');

-- CreateEnum
CREATE TYPE "DatasetSource" AS ENUM ('APPROVAL', 'IMPORT');

-- AlterTable
ALTER TABLE "AnnualReturn" ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" TEXT,
ADD COLUMN     "assigneeId" TEXT,
ADD COLUMN     "changesRequestedAt" TIMESTAMP(3),
ADD COLUMN     "reopenedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "fourEyes" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "ReturnSection" ADD COLUMN     "changesRequestedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "returnId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "sectionId" TEXT,
    "authorId" TEXT,
    "side" "CommentSide" NOT NULL,
    "body" TEXT NOT NULL,
    "language" "Language" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetEntry" (
    "id" TEXT NOT NULL,
    "source" "DatasetSource" NOT NULL DEFAULT 'APPROVAL',
    "returnId" TEXT,
    "submissionId" TEXT,
    "sectionId" TEXT,
    "year" INTEGER NOT NULL,
    "planId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "organisationKind" "OrganisationKind" NOT NULL,
    "fundingId" TEXT,
    "fundingTitle" TEXT,
    "channel" "FundingChannel" NOT NULL,
    "measureId" TEXT NOT NULL,
    "measureCode" TEXT NOT NULL,
    "themeId" TEXT NOT NULL,
    "link" "DatasetLink" NOT NULL,
    "missionCodes" TEXT[],
    "narrative" TEXT NOT NULL,
    "narrativeLanguage" "Language",
    "figures" JSONB NOT NULL,
    "attachments" JSONB NOT NULL,
    "approvedById" TEXT,
    "approvedAt" TIMESTAMP(3) NOT NULL,
    "supersededAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewComment_returnId_seq_idx" ON "ReviewComment"("returnId", "seq");

-- CreateIndex
CREATE INDEX "DatasetEntry_supersededAt_year_channel_measureId_idx" ON "DatasetEntry"("supersededAt", "year", "channel", "measureId");

-- CreateIndex
CREATE INDEX "DatasetEntry_supersededAt_themeId_year_idx" ON "DatasetEntry"("supersededAt", "themeId", "year");

-- CreateIndex
CREATE INDEX "DatasetEntry_organisationId_year_idx" ON "DatasetEntry"("organisationId", "year");

-- CreateIndex
CREATE INDEX "DatasetEntry_returnId_idx" ON "DatasetEntry"("returnId");

-- CreateIndex
CREATE INDEX "AnnualReturn_status_submittedAt_idx" ON "AnnualReturn"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "AnnualReturn_assigneeId_idx" ON "AnnualReturn"("assigneeId");

-- AddForeignKey
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AnnualReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetEntry" ADD CONSTRAINT "DatasetEntry_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AnnualReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetEntry" ADD CONSTRAINT "DatasetEntry_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetEntry" ADD CONSTRAINT "DatasetEntry_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetEntry" ADD CONSTRAINT "DatasetEntry_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetEntry" ADD CONSTRAINT "DatasetEntry_approvedById_fkey" FOREIGN KEY ("approvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A posted comment is part of the review's record: never changed, never removed. The one
-- change allowed is the foreign key's own ON DELETE SET NULL when its author is erased.
CREATE OR REPLACE FUNCTION "review_comment_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW."authorId" IS NULL AND OLD."authorId" IS NOT NULL
     AND NEW."id" = OLD."id" AND NEW."seq" = OLD."seq" AND NEW."returnId" = OLD."returnId"
     AND NEW."submissionId" = OLD."submissionId"
     AND NEW."sectionId" IS NOT DISTINCT FROM OLD."sectionId"
     AND NEW."side" = OLD."side" AND NEW."body" = OLD."body" AND NEW."language" = OLD."language"
     AND NEW."createdAt" = OLD."createdAt" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'ReviewComment rows are never changed or removed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ReviewComment_append_only"
  BEFORE UPDATE OR DELETE ON "ReviewComment"
  FOR EACH ROW EXECUTE FUNCTION "review_comment_append_only"();

CREATE TRIGGER "ReviewComment_no_truncate"
  BEFORE TRUNCATE ON "ReviewComment"
  FOR EACH STATEMENT EXECUTE FUNCTION "review_comment_append_only"();

ALTER TABLE "ReviewComment" ADD CONSTRAINT "ReviewComment_body_not_blank" CHECK (length(btrim("body")) > 0);

-- Dataset entries are history: a reopening supersedes them, nothing removes or rewrites them.
-- Allowed: setting supersededAt once (NULL -> a time), and the foreign key's ON DELETE SET NULL
-- of the approver; nothing else.
CREATE OR REPLACE FUNCTION "dataset_entry_history_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'supersededAt' - 'approvedById') = (to_jsonb(OLD) - 'supersededAt' - 'approvedById')
     AND (NEW."supersededAt" IS NOT DISTINCT FROM OLD."supersededAt"
          OR (OLD."supersededAt" IS NULL AND NEW."supersededAt" IS NOT NULL))
     AND (NEW."approvedById" IS NOT DISTINCT FROM OLD."approvedById"
          OR (OLD."approvedById" IS NOT NULL AND NEW."approvedById" IS NULL)) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'DatasetEntry rows are only ever superseded, never changed or removed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "DatasetEntry_history_only"
  BEFORE UPDATE OR DELETE ON "DatasetEntry"
  FOR EACH ROW EXECUTE FUNCTION "dataset_entry_history_only"();

CREATE TRIGGER "DatasetEntry_no_truncate"
  BEFORE TRUNCATE ON "DatasetEntry"
  FOR EACH STATEMENT EXECUTE FUNCTION "dataset_entry_history_only"();

-- One current entry per approved section: a second approval without a reopening in between
-- cannot double-count.
CREATE UNIQUE INDEX "DatasetEntry_current_section_key" ON "DatasetEntry"("sectionId") WHERE "supersededAt" IS NULL AND "sectionId" IS NOT NULL;
