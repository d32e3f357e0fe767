// The section page's read, in one SQL query: the section with its measure, mission, funding and
// files, and its return's caption (organisation, campaign, submitter). Prisma's include sends one
// query per relation (a dozen for this page), and through the driver adapters each query costs
// more than rendering the page's fields (docs/benchmarks.md). The related rows are scalar
// subqueries rather than joins: each is one index lookup, and PostgreSQL plans them one by one,
// where a ten-table join cost more to plan than to run. It is read through the driver
// (`readRows`, utils/db/rows.server.ts), not Prisma's client. The template's definition comes
// from the per-process cache by checksum.
import { Prisma } from "~/generated/prisma/client";
import type { CurrentUser } from "~/modules/auth/session.server";
import { definitionOfTemplate } from "~/modules/questionnaires/templates.server";
import { readRows } from "~/utils/db.server";
import type { CampaignState, ReturnState } from "./status";
import type { HeaderReturn, TaskSection } from "./view.server";

type SectionStatus = TaskSection["status"];

interface SectionPageRow {
  id: string;
  returnId: string;
  kind: string;
  templateSection: string;
  origin: string;
  measureLink: TaskSection["measureLink"];
  answers: Prisma.JsonValue;
  status: SectionStatus;
  version: number;
  prefilledFromId: string | null;
  changesRequestedAt: Date | null;
  updatedAt: Date;
  measure: TaskSection["measure"];
  mission: TaskSection["mission"];
  fundingTitle: string | null;
  returnStatus: ReturnState;
  organisationId: string;
  submittedAt: Date | null;
  submittedByName: string | null;
  organisation: { nameFr: string; nameNl: string };
  campaignYear: number;
  campaignTitleFr: string;
  campaignTitleNl: string;
  campaignDueAt: Date;
  campaignStatus: CampaignState;
  campaignGraceDays: number | null;
  extendedDueAt: Date | null;
  planId: string;
  planUpdatedAt: Date;
  templateId: string;
  templateChecksum: string;
  attachments: { id: string; questionId: string; fileName: string; sizeBytes: number }[];
}

/**
 * A section of one of the person's organisations' returns, with what its page shows; null when
 * there is no such section in a return of theirs (a 404 for the page).
 */
export async function findSectionPage(current: CurrentUser, returnId: string, sectionId: string) {
  if (current.organisationIds.length === 0) return null;
  const rows = await readRows<SectionPageRow>(Prisma.sql`
    SELECT s."id", s."returnId", s."kind"::text AS "kind", s."templateSection",
      s."origin"::text AS "origin", s."measureLink"::text AS "measureLink", s."answers",
      s."status"::text AS "status", s."version", s."prefilledFromId", s."changesRequestedAt",
      s."updatedAt",
      (SELECT json_build_object('code', m."code", 'titleFr', m."titleFr", 'titleNl', m."titleNl")
        FROM "Measure" m WHERE m."id" = s."measureId") AS "measure",
      (SELECT json_build_object('code', m."code", 'titleFr', m."titleFr", 'titleNl', m."titleNl")
        FROM "TransversalMission" m WHERE m."id" = s."missionId") AS "mission",
      (SELECT f."title" FROM "Funding" f WHERE f."id" = s."fundingId") AS "fundingTitle",
      r."status"::text AS "returnStatus", r."organisationId", r."submittedAt",
      (SELECT u."displayName" FROM "User" u WHERE u."id" = r."submittedById")
        AS "submittedByName",
      (SELECT json_build_object('nameFr', o."nameFr", 'nameNl', o."nameNl")
        FROM "Organisation" o WHERE o."id" = r."organisationId") AS "organisation",
      c."year" AS "campaignYear", c."titleFr" AS "campaignTitleFr",
      c."titleNl" AS "campaignTitleNl", c."dueAt" AS "campaignDueAt",
      c."status"::text AS "campaignStatus", c."graceDays" AS "campaignGraceDays",
      r."extendedDueAt", c."planId",
      (SELECT p."updatedAt" FROM "Plan" p WHERE p."id" = c."planId") AS "planUpdatedAt",
      r."templateId",
      (SELECT t."checksum" FROM "QuestionnaireTemplate" t WHERE t."id" = r."templateId")
        AS "templateChecksum",
      COALESCE((SELECT json_agg(json_build_object('id', a."id", 'questionId', a."questionId",
          'fileName', a."fileName", 'sizeBytes', a."sizeBytes") ORDER BY a."createdAt", a."id")
        FROM "Attachment" a WHERE a."sectionId" = s."id"), '[]'::json) AS "attachments"
    FROM "ReturnSection" s
    JOIN "AnnualReturn" r ON r."id" = s."returnId"
    JOIN "Campaign" c ON c."id" = r."campaignId"
    WHERE s."id" = ${sectionId} AND s."returnId" = ${returnId}
      AND r."organisationId" IN (${Prisma.join(current.organisationIds)})`);
  const row = rows[0];
  if (!row) return null;
  const definition = await definitionOfTemplate({
    id: row.templateId,
    checksum: row.templateChecksum,
  });
  const annualReturn: HeaderReturn & { organisationId: string } = {
    id: row.returnId,
    status: row.returnStatus,
    extendedDueAt: row.extendedDueAt,
    organisationId: row.organisationId,
    submittedAt: row.submittedAt,
    submittedBy: row.submittedByName === null ? null : { displayName: row.submittedByName },
    organisation: row.organisation,
    campaign: {
      titleFr: row.campaignTitleFr,
      titleNl: row.campaignTitleNl,
      year: row.campaignYear,
      dueAt: row.campaignDueAt,
      status: row.campaignStatus,
      graceDays: row.campaignGraceDays,
    },
  };
  const section: TaskSection & {
    answers: Prisma.JsonValue;
    version: number;
    updatedAt: Date;
    changesRequestedAt: Date | null;
    attachments: SectionPageRow["attachments"];
  } = {
    id: row.id,
    kind: row.kind,
    templateSection: row.templateSection,
    origin: row.origin,
    status: row.status,
    measureLink: row.measureLink,
    prefilledFromId: row.prefilledFromId,
    funding: row.fundingTitle === null ? null : { title: row.fundingTitle },
    measure: row.measure,
    mission: row.mission,
    answers: row.answers,
    version: row.version,
    updatedAt: row.updatedAt,
    changesRequestedAt: row.changesRequestedAt,
    attachments: row.attachments,
  };
  return {
    annualReturn,
    section,
    definition,
    plan: { id: row.planId, updatedAt: row.planUpdatedAt },
  };
}
