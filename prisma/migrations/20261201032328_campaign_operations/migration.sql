-- CreateEnum
CREATE TYPE "ContactRole" AS ENUM ('MAIN', 'BACKUP', 'NONE');

-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('INVITATION', 'BEFORE_DUE', 'DUE_DAY', 'AFTER_DUE', 'CHANGES_UNTOUCHED', 'REVIEW_WAITING');

-- CreateEnum
CREATE TYPE "DispatchStatus" AS ENUM ('QUEUED', 'SKIPPED');

-- AlterTable
ALTER TABLE "AnnualReturn" ADD COLUMN     "extendedDueAt" TIMESTAMP(3),
ADD COLUMN     "extensionGrantedById" TEXT,
ADD COLUMN     "extensionReason" TEXT,
ADD COLUMN     "templateId" TEXT;

-- Each return keeps the questionnaire it was generated from: until now, its campaign's.
UPDATE "AnnualReturn" r SET "templateId" = c."templateId" FROM "Campaign" c WHERE c."id" = r."campaignId";
ALTER TABLE "AnnualReturn" ALTER COLUMN "templateId" SET NOT NULL;
CREATE INDEX "AnnualReturn_templateId_idx" ON "AnnualReturn"("templateId");

-- An extension is a date with its reason.
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_extension_has_reason"
  CHECK ("extendedDueAt" IS NULL OR length(btrim(coalesce("extensionReason", ''))) > 0);

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "graceDays" INTEGER,
ADD COLUMN     "openedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN     "organisationAdmin" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reportRole" "ContactRole" NOT NULL DEFAULT 'MAIN',
ADD COLUMN     "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "followedById" TEXT;

-- CreateTable
CREATE TABLE "CampaignTemplateAssignment" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "channel" "FundingChannel",
    "kind" "OrganisationKind",
    "templateId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CampaignTemplateAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderRule" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "days" INTEGER NOT NULL DEFAULT 0,
    "escalate" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderDispatch" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "ruleId" TEXT,
    "ruleKey" TEXT NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "recipient" TEXT NOT NULL,
    "recipientUserId" TEXT,
    "day" TEXT NOT NULL,
    "status" "DispatchStatus" NOT NULL DEFAULT 'QUEUED',
    "skipReason" TEXT,
    "outboxKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReminderDispatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "periodKey" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "details" JSONB,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTemplateAssignment_campaignId_channel_key" ON "CampaignTemplateAssignment"("campaignId", "channel");

-- CreateIndex
CREATE UNIQUE INDEX "CampaignTemplateAssignment_campaignId_kind_key" ON "CampaignTemplateAssignment"("campaignId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderRule_campaignId_kind_days_key" ON "ReminderRule"("campaignId", "kind", "days");

-- CreateIndex
CREATE INDEX "ReminderDispatch_returnId_createdAt_idx" ON "ReminderDispatch"("returnId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderDispatch_campaignId_returnId_ruleKey_recipient_key" ON "ReminderDispatch"("campaignId", "returnId", "ruleKey", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_periodKey_key" ON "JobRun"("job", "periodKey");

-- AddForeignKey
ALTER TABLE "Organisation" ADD CONSTRAINT "Organisation_followedById_fkey" FOREIGN KEY ("followedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTemplateAssignment" ADD CONSTRAINT "CampaignTemplateAssignment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CampaignTemplateAssignment" ADD CONSTRAINT "CampaignTemplateAssignment_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "QuestionnaireTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderRule" ADD CONSTRAINT "ReminderRule_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderDispatch" ADD CONSTRAINT "ReminderDispatch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderDispatch" ADD CONSTRAINT "ReminderDispatch_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AnnualReturn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReminderDispatch" ADD CONSTRAINT "ReminderDispatch_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "ReminderRule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "QuestionnaireTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_extensionGrantedById_fkey" FOREIGN KEY ("extensionGrantedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Campaigns already running when this migration runs were open: they keep their dates.
UPDATE "Campaign" SET "openedAt" = "opensAt" WHERE "status" <> 'DRAFT' AND "openedAt" IS NULL;

ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_grace_days_range" CHECK ("graceDays" BETWEEN 0 AND 90);

-- An assignment names a channel or a kind, never both, never neither.
ALTER TABLE "CampaignTemplateAssignment" ADD CONSTRAINT "CampaignTemplateAssignment_channel_or_kind"
  CHECK (num_nonnulls("channel", "kind") = 1);

ALTER TABLE "ReminderRule" ADD CONSTRAINT "ReminderRule_days_range" CHECK ("days" BETWEEN 0 AND 365);

-- Never twice on the same day: one queued message per return, recipient and Brussels day,
-- whichever rule (or "send now") asked for it.
CREATE UNIQUE INDEX "ReminderDispatch_one_per_day" ON "ReminderDispatch"("returnId", "recipient", "day")
  WHERE "status" = 'QUEUED';
CREATE INDEX "ReminderDispatch_campaignId_createdAt_idx" ON "ReminderDispatch"("campaignId", "createdAt");
CREATE INDEX "Organisation_followedById_idx" ON "Organisation"("followedById");
