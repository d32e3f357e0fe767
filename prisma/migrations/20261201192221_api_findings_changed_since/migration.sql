-- The read API's updatedSince (api/entries.server.ts) looks up the findings created or decided
-- since an instant, which name the entries whose published text changed: two index ranges
-- instead of a scan of every finding on each sync.
-- CreateIndex
CREATE INDEX "PersonalDataFinding_createdAt_idx" ON "PersonalDataFinding"("createdAt");

-- CreateIndex
CREATE INDEX "PersonalDataFinding_resolvedAt_idx" ON "PersonalDataFinding"("resolvedAt");
