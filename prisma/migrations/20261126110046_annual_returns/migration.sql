-- CreateEnum
CREATE TYPE "TemplateStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'RETIRED');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('DRAFT', 'OPEN', 'CLOSED');

-- CreateEnum
CREATE TYPE "ReturnStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'SUBMITTED');

-- CreateEnum
CREATE TYPE "ReturnSectionKind" AS ENUM ('ORGANISATION', 'FUNDED_MEASURE', 'OTHER_CONTRIBUTION', 'TRANSVERSAL_MISSION', 'DECLARATION');

-- CreateEnum
CREATE TYPE "SectionStatus" AS ENUM ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED');

-- CreateEnum
CREATE TYPE "SectionOrigin" AS ENUM ('TEMPLATE', 'FUNDING', 'CHANNEL_RULE', 'PARTNER');

-- CreateTable
CREATE TABLE "QuestionnaireTemplate" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" "TemplateStatus" NOT NULL DEFAULT 'DRAFT',
    "titleFr" TEXT NOT NULL,
    "titleNl" TEXT NOT NULL,
    "definition" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,
    "sourceName" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "QuestionnaireTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Campaign" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "templateId" TEXT NOT NULL,
    "titleFr" TEXT NOT NULL,
    "titleNl" TEXT NOT NULL,
    "opensAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "CampaignStatus" NOT NULL DEFAULT 'DRAFT',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Campaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnualReturn" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "status" "ReturnStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "submittedAt" TIMESTAMP(3),
    "submittedById" TEXT,
    "submissionKey" TEXT,
    "snapshot" JSONB,
    "language" "Language" NOT NULL DEFAULT 'fr',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AnnualReturn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReturnSection" (
    "id" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "slotKey" TEXT NOT NULL,
    "kind" "ReturnSectionKind" NOT NULL,
    "templateSection" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "origin" "SectionOrigin" NOT NULL,
    "fundingId" TEXT,
    "measureId" TEXT,
    "measureLink" "MeasureLink",
    "missionId" TEXT,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "answersLanguage" "Language",
    "status" "SectionStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "version" INTEGER NOT NULL DEFAULT 0,
    "prefilledFromId" TEXT,
    "updatedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReturnSection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" TEXT NOT NULL,
    "returnId" TEXT NOT NULL,
    "sectionId" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storageKey" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuestionnaireTemplate_key_checksum_idx" ON "QuestionnaireTemplate"("key", "checksum");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionnaireTemplate_key_version_key" ON "QuestionnaireTemplate"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "Campaign_planId_year_key" ON "Campaign"("planId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReturn_submissionKey_key" ON "AnnualReturn"("submissionKey");

-- CreateIndex
CREATE INDEX "AnnualReturn_organisationId_idx" ON "AnnualReturn"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "AnnualReturn_campaignId_organisationId_key" ON "AnnualReturn"("campaignId", "organisationId");

-- CreateIndex
CREATE INDEX "ReturnSection_fundingId_measureId_idx" ON "ReturnSection"("fundingId", "measureId");

-- CreateIndex
CREATE UNIQUE INDEX "ReturnSection_returnId_slotKey_key" ON "ReturnSection"("returnId", "slotKey");

-- CreateIndex
CREATE UNIQUE INDEX "Attachment_storageKey_key" ON "Attachment"("storageKey");

-- CreateIndex
CREATE INDEX "Attachment_sectionId_idx" ON "Attachment"("sectionId");

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Campaign" ADD CONSTRAINT "Campaign_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "QuestionnaireTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnualReturn" ADD CONSTRAINT "AnnualReturn_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnSection" ADD CONSTRAINT "ReturnSection_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AnnualReturn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnSection" ADD CONSTRAINT "ReturnSection_fundingId_fkey" FOREIGN KEY ("fundingId") REFERENCES "Funding"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnSection" ADD CONSTRAINT "ReturnSection_measureId_fkey" FOREIGN KEY ("measureId") REFERENCES "Measure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnSection" ADD CONSTRAINT "ReturnSection_missionId_fkey" FOREIGN KEY ("missionId") REFERENCES "TransversalMission"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReturnSection" ADD CONSTRAINT "ReturnSection_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_returnId_fkey" FOREIGN KEY ("returnId") REFERENCES "AnnualReturn"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_sectionId_fkey" FOREIGN KEY ("sectionId") REFERENCES "ReturnSection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
