-- CreateIndex
CREATE INDEX "ReturnSection_measureId_returnId_idx" ON "ReturnSection"("measureId", "returnId");
