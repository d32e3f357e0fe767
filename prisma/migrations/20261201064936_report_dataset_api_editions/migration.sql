-- CreateEnum
CREATE TYPE "PersonalDataKind" AS ENUM ('NATIONAL_NUMBER', 'IBAN', 'EMAIL', 'PHONE', 'BIRTH_DATE');

-- CreateEnum
CREATE TYPE "FindingStatus" AS ENUM ('OPEN', 'CONFIRMED', 'REDACTED', 'OVERRIDDEN');

-- AlterTable
ALTER TABLE "DatasetEntry" ADD COLUMN     "importId" TEXT,
ADD COLUMN     "importKey" TEXT,
ADD COLUMN     "importLine" INTEGER;

-- CreateTable
CREATE TABLE "ContributionImport" (
    "id" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "createdCount" INTEGER NOT NULL,
    "importedById" TEXT,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContributionImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonalDataFinding" (
    "id" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "kind" "PersonalDataKind" NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "status" "FindingStatus" NOT NULL DEFAULT 'OPEN',
    "replacement" TEXT,
    "reason" TEXT,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonalDataFinding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiTokenUsage" (
    "tokenId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "requests" INTEGER NOT NULL DEFAULT 0,
    "lastPath" TEXT,

    CONSTRAINT "ApiTokenUsage_pkey" PRIMARY KEY ("tokenId","day")
);

-- CreateTable
CREATE TABLE "ReportEdition" (
    "id" TEXT NOT NULL,
    "planId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "fromYear" INTEGER NOT NULL,
    "toYear" INTEGER NOT NULL,
    "tables" JSONB NOT NULL,
    "entryCount" INTEGER NOT NULL,
    "frozenById" TEXT,
    "frozenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportEdition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportEditionEntry" (
    "editionId" TEXT NOT NULL,
    "entryId" TEXT NOT NULL,
    "published" JSONB NOT NULL,

    CONSTRAINT "ReportEditionEntry_pkey" PRIMARY KEY ("editionId","entryId")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "ContributionImport_importedAt_idx" ON "ContributionImport"("importedAt");

-- CreateIndex
CREATE INDEX "PersonalDataFinding_entryId_idx" ON "PersonalDataFinding"("entryId");

-- CreateIndex
CREATE INDEX "PersonalDataFinding_status_createdAt_idx" ON "PersonalDataFinding"("status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ReportEdition_planId_frozenAt_idx" ON "ReportEdition"("planId", "frozenAt");

-- CreateIndex
CREATE INDEX "ReportEditionEntry_entryId_idx" ON "ReportEditionEntry"("entryId");

-- CreateIndex
CREATE INDEX "DatasetEntry_createdAt_id_idx" ON "DatasetEntry"("createdAt", "id");

-- CreateIndex
CREATE INDEX "DatasetEntry_supersededAt_idx" ON "DatasetEntry"("supersededAt");

-- CreateIndex
CREATE INDEX "DatasetEntry_importId_idx" ON "DatasetEntry"("importId");

-- AddForeignKey
ALTER TABLE "DatasetEntry" ADD CONSTRAINT "DatasetEntry_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ContributionImport"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContributionImport" ADD CONSTRAINT "ContributionImport_importedById_fkey" FOREIGN KEY ("importedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalDataFinding" ADD CONSTRAINT "PersonalDataFinding_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "DatasetEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalDataFinding" ADD CONSTRAINT "PersonalDataFinding_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiTokenUsage" ADD CONSTRAINT "ApiTokenUsage_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "ApiToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportEdition" ADD CONSTRAINT "ReportEdition_planId_fkey" FOREIGN KEY ("planId") REFERENCES "Plan"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportEdition" ADD CONSTRAINT "ReportEdition_frozenById_fkey" FOREIGN KEY ("frozenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportEditionEntry" ADD CONSTRAINT "ReportEditionEntry_editionId_fkey" FOREIGN KEY ("editionId") REFERENCES "ReportEdition"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportEditionEntry" ADD CONSTRAINT "ReportEditionEntry_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "DatasetEntry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- An imported entry names its file, its line and its key; an approved one names none of them.
ALTER TABLE "DatasetEntry" ADD CONSTRAINT "DatasetEntry_import_provenance"
  CHECK (("source" = 'IMPORT') = ("importId" IS NOT NULL AND "importLine" IS NOT NULL AND "importKey" IS NOT NULL));

-- Importing a file twice adds nothing: one current entry per imported contribution.
CREATE UNIQUE INDEX "DatasetEntry_current_import_key" ON "DatasetEntry"("importKey")
  WHERE "supersededAt" IS NULL AND "importKey" IS NOT NULL;

ALTER TABLE "PersonalDataFinding" ADD CONSTRAINT "PersonalDataFinding_span"
  CHECK ("start" >= 0 AND "end" > "start");
ALTER TABLE "PersonalDataFinding" ADD CONSTRAINT "PersonalDataFinding_resolution"
  CHECK (
    ("status" = 'OPEN' AND "resolvedAt" IS NULL)
    OR ("status" <> 'OPEN' AND "resolvedAt" IS NOT NULL)
  );
ALTER TABLE "PersonalDataFinding" ADD CONSTRAINT "PersonalDataFinding_redaction_has_wording"
  CHECK ("status" <> 'REDACTED' OR length(btrim(coalesce("replacement", ''))) > 0);
ALTER TABLE "PersonalDataFinding" ADD CONSTRAINT "PersonalDataFinding_override_has_reason"
  CHECK ("status" <> 'OVERRIDDEN' OR length(btrim(coalesce("reason", ''))) > 0);

ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_name_not_blank" CHECK (length(btrim("name")) > 0);
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_has_scopes" CHECK (cardinality("scopes") > 0);

ALTER TABLE "ReportEdition" ADD CONSTRAINT "ReportEdition_period" CHECK ("fromYear" <= "toYear");
ALTER TABLE "ReportEdition" ADD CONSTRAINT "ReportEdition_title_not_blank" CHECK (length(btrim("title")) > 0);

-- A frozen edition is kept as it was: its row and its entries are never changed. The one
-- change allowed is the foreign key's own ON DELETE SET NULL when the person who froze it is
-- erased.
CREATE OR REPLACE FUNCTION "report_edition_frozen"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'frozenById') = (to_jsonb(OLD) - 'frozenById')
     AND OLD."frozenById" IS NOT NULL AND NEW."frozenById" IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'Report editions are frozen: never changed or removed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

-- An edition's entries have no foreign key to a person: nothing about them ever changes, except
-- their removal with the edition itself, which the edition's own trigger already refuses.
CREATE OR REPLACE FUNCTION "report_edition_entry_frozen"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Report editions are frozen: never changed or removed' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ReportEdition_frozen"
  BEFORE UPDATE OR DELETE ON "ReportEdition"
  FOR EACH ROW EXECUTE FUNCTION "report_edition_frozen"();
CREATE TRIGGER "ReportEditionEntry_frozen"
  BEFORE UPDATE OR DELETE ON "ReportEditionEntry"
  FOR EACH ROW EXECUTE FUNCTION "report_edition_entry_frozen"();
