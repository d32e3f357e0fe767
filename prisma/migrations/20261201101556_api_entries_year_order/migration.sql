-- CreateIndex
CREATE INDEX "DatasetEntry_year_createdAt_id_idx" ON "DatasetEntry"("year", "createdAt", "id");
