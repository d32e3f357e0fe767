// What a contributions file is checked against, read in three queries: every organisation
// (a few thousand rows at most, archived ones too: history names them), the plans with their
// measures, and the measures each organisation's fundings name (for a row without a link).
import { Prisma } from "~/generated/prisma/client";
import type { prisma, Tx } from "~/utils/db.server";
import type { ContributionSnapshot } from "./plan";

type Db = Tx | typeof prisma;

export async function loadContributionSnapshot(db: Db): Promise<ContributionSnapshot> {
  const organisations = await db.organisation.findMany({
    select: { id: true, slug: true, kind: true, officialId: true, nameFr: true, nameNl: true },
  });
  const plans = await db.plan.findMany({
    select: {
      id: true,
      code: true,
      startYear: true,
      endYear: true,
      status: true,
      measures: { select: { id: true, code: true, themeId: true } },
    },
  });
  const links = await db.fundingMeasure.findMany({
    select: {
      measureId: true,
      link: true,
      funding: { select: { organisationId: true, startYear: true, endYear: true } },
    },
  });
  return {
    organisations,
    plans,
    fundingLinks: links.map((l) => ({
      organisationId: l.funding.organisationId,
      measureId: l.measureId,
      startYear: l.funding.startYear,
      endYear: l.funding.endYear,
      link: l.link,
    })),
  };
}

/** Which of these import keys name a current entry already (the rows importing adds nothing for). */
export async function knownImportKeys(db: Db, keys: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < keys.length; i += 10_000) {
    const rows = await db.$queryRaw<{ importKey: string }[]>(Prisma.sql`
      SELECT "importKey" FROM "DatasetEntry"
       WHERE "supersededAt" IS NULL AND "importKey" = ANY(${keys.slice(i, i + 10_000)}::text[])`);
    for (const row of rows) known.add(row.importKey);
  }
  return known;
}
