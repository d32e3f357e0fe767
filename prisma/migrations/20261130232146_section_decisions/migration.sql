-- CreateEnum
CREATE TYPE "SectionDecisionKind" AS ENUM ('ACCEPTED', 'CHANGES_NEEDED', 'NOT_RETAINED');

-- CreateTable
CREATE TABLE "SectionDecision" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "returnId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "decision" "SectionDecisionKind" NOT NULL,
    "note" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SectionDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SectionDecision_submissionId_sectionId_idx" ON "SectionDecision"("submissionId", "sectionId");

-- CreateIndex
CREATE INDEX "SectionDecision_returnId_idx" ON "SectionDecision"("returnId");

-- AddForeignKey
ALTER TABLE "SectionDecision" ADD CONSTRAINT "SectionDecision_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AnnualReturn"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SectionDecision" ADD CONSTRAINT "SectionDecision_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SectionDecision" ADD CONSTRAINT "SectionDecision_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A decision is what a reviewer decided: never changed, never removed (a later decision
-- supersedes it). The one change allowed is the foreign key's own ON DELETE SET NULL when the
-- reviewer is erased.
CREATE OR REPLACE FUNCTION "section_decision_append_only"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW."decidedById" IS NULL AND OLD."decidedById" IS NOT NULL
     AND NEW."id" = OLD."id" AND NEW."seq" = OLD."seq" AND NEW."returnId" = OLD."returnId"
     AND NEW."submissionId" = OLD."submissionId" AND NEW."sectionId" = OLD."sectionId"
     AND NEW."decision" = OLD."decision" AND NEW."note" IS NOT DISTINCT FROM OLD."note"
     AND NEW."decidedAt" = OLD."decidedAt" THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'SectionDecision rows are never changed or removed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "SectionDecision_append_only"
  BEFORE UPDATE OR DELETE ON "SectionDecision"
  FOR EACH ROW EXECUTE FUNCTION "section_decision_append_only"();

CREATE TRIGGER "SectionDecision_no_truncate"
  BEFORE TRUNCATE ON "SectionDecision"
  FOR EACH STATEMENT EXECUTE FUNCTION "section_decision_append_only"();
