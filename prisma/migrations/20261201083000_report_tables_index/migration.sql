-- The report tables that count projects (communes per measure, the call for projects per theme
-- and year) read current entries of one or two channels over a range of years: this partial
-- index holds exactly what they read, so they scan it instead of the whole dataset
-- (docs/benchmarks.md, issue 10). Superseded entries, which no table counts, are left out.
CREATE INDEX "DatasetEntry_current_projects_idx" ON "DatasetEntry"("channel", "year", "planId", "measureId")
  INCLUDE ("themeId", "link", "organisationId", "fundingId")
  WHERE "supersededAt" IS NULL;
