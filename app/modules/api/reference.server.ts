// The reference lists the API's codes point into: a plan's themes and measures (stable codes
// with their FR and NL titles) and the organisations (identifier, kind, names). Any valid token
// reads them: both scopes need them to make sense of what they read.
import { ApiProblem } from "./problem.server";
import { answerFormat, enumParameter, ORGANISATION_KINDS, readParameters } from "./query.server";
import { Prisma } from "~/generated/prisma/client";
import { readRows } from "~/utils/db.server";

export async function planMeasures(planCode: string) {
  const [plan] = await readRows<{
    id: string;
    code: string;
    titleFr: string;
    titleNl: string;
    startYear: number;
    endYear: number;
  }>(Prisma.sql`SELECT "id", "code", "titleFr", "titleNl", "startYear", "endYear"
                  FROM "Plan" WHERE "code" = ${planCode}`);
  if (!plan) throw new ApiProblem(404, "noPlan", { code: planCode });
  const [themes, measures] = await Promise.all([
    readRows<{ code: string; titleFr: string; titleNl: string }>(Prisma.sql`
      SELECT "code", "titleFr", "titleNl" FROM "Theme" WHERE "planId" = ${plan.id}
       ORDER BY "position", "code"`),
    readRows<{ code: string; theme: string; titleFr: string; titleNl: string }>(Prisma.sql`
      SELECT m."code", t."code" AS "theme", m."titleFr", m."titleNl"
        FROM "Measure" m JOIN "Theme" t ON t."id" = m."themeId"
       WHERE m."planId" = ${plan.id}
       ORDER BY t."position", m."position", m."code"`),
  ]);
  return {
    plan: {
      code: plan.code,
      title: { fr: plan.titleFr, nl: plan.titleNl },
      startYear: plan.startYear,
      endYear: plan.endYear,
    },
    themes: themes.map((t) => ({ code: t.code, title: { fr: t.titleFr, nl: t.titleNl } })),
    measures: measures.map((m) => ({
      code: m.code,
      theme: m.theme,
      title: { fr: m.titleFr, nl: m.titleNl },
    })),
  };
}

export const ORGANISATION_PARAMETERS = ["kind"] as const;

/** Every organisation of the directory (archived ones too: old entries name them). */
export async function organisations(request: Request, url: URL) {
  const p = readParameters(url, ORGANISATION_PARAMETERS);
  const kind = enumParameter("kind", p.kind, ORGANISATION_KINDS);
  answerFormat(request, undefined, ["json"]);
  const rows = await readRows<{
    slug: string;
    officialId: string | null;
    kind: string;
    nameFr: string;
    nameNl: string;
    archived: boolean;
  }>(Prisma.sql`
    SELECT "slug", "officialId", "kind"::text AS "kind", "nameFr", "nameNl",
           ("archivedAt" IS NOT NULL) AS "archived"
      FROM "Organisation"
     ${kind ? Prisma.sql`WHERE "kind" = ${kind}::"OrganisationKind"` : Prisma.empty}
     ORDER BY "slug"`);
  return {
    data: rows.map((o) => ({
      identifier: o.slug,
      officialId: o.officialId,
      kind: o.kind,
      name: { fr: o.nameFr, nl: o.nameNl },
      archived: o.archived,
    })),
  };
}
