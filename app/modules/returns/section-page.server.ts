// The section page's read, in one SQL query: the section with its measure, mission, funding and
// files, and its return's caption (organisation, campaign, submitter).
// Prisma's include sends one query per relation (a dozen for this page), and through the
// driver adapters each query costs more than rendering the page's fields (docs/benchmarks.md).
// The template's definition comes from the per-process cache by checksum.
import { Prisma } from "~/generated/prisma/client";
import type { CurrentUser } from "~/modules/auth/session.server";
import { definitionOfTemplate } from "~/modules/questionnaires/templates.server";
import { prisma } from "~/utils/db.server";
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
  updatedAt: Date;
  measureCode: string | null;
  measureTitleFr: string | null;
  measureTitleNl: string | null;
  missionCode: string | null;
  missionTitleFr: string | null;
  missionTitleNl: string | null;
  fundingTitle: string | null;
  returnStatus: ReturnState;
  organisationId: string;
  submittedAt: Date | null;
  submittedByName: string | null;
  organisationNameFr: string;
  organisationNameNl: string;
  campaignYear: number;
  campaignTitleFr: string;
  campaignTitleNl: string;
  campaignDueAt: Date;
  campaignStatus: CampaignState;
  planId: string;
  planUpdatedAt: Date;
  templateId: string;
  templateChecksum: string;
  attachments: { id: string; questionId: string; fileName: string; sizeBytes: number }[];
}

const titled = (code: string | null, titleFr: string | null, titleNl: string | null) =>
  code === null ? null : { code, titleFr: titleFr ?? "", titleNl: titleNl ?? "" };

/**
 * A section of one of the person's organisations' returns, with what its page shows; null when
 * there is no such section in a return of theirs (a 404 for the page).
 */
export async function findSectionPage(current: CurrentUser, returnId: string, sectionId: string) {
  if (current.organisationIds.length === 0) return null;
  const rows = await prisma.$queryRaw<SectionPageRow[]>`
    SELECT s."id", s."returnId", s."kind"::text AS "kind", s."templateSection",
      s."origin"::text AS "origin", s."measureLink"::text AS "measureLink", s."answers",
      s."status"::text AS "status", s."version", s."prefilledFromId", s."updatedAt",
      m."code" AS "measureCode", m."titleFr" AS "measureTitleFr", m."titleNl" AS "measureTitleNl",
      tm."code" AS "missionCode", tm."titleFr" AS "missionTitleFr",
      tm."titleNl" AS "missionTitleNl", f."title" AS "fundingTitle",
      r."status"::text AS "returnStatus", r."organisationId", r."submittedAt",
      sb."displayName" AS "submittedByName",
      o."nameFr" AS "organisationNameFr", o."nameNl" AS "organisationNameNl",
      c."year" AS "campaignYear", c."titleFr" AS "campaignTitleFr",
      c."titleNl" AS "campaignTitleNl", c."dueAt" AS "campaignDueAt",
      c."status"::text AS "campaignStatus", c."planId", p."updatedAt" AS "planUpdatedAt",
      t."id" AS "templateId", t."checksum" AS "templateChecksum",
      COALESCE((SELECT json_agg(json_build_object('id', a."id", 'questionId', a."questionId",
          'fileName', a."fileName", 'sizeBytes', a."sizeBytes") ORDER BY a."createdAt", a."id")
        FROM "Attachment" a WHERE a."sectionId" = s."id"), '[]'::json) AS "attachments"
    FROM "ReturnSection" s
    JOIN "AnnualReturn" r ON r."id" = s."returnId"
    JOIN "Organisation" o ON o."id" = r."organisationId"
    JOIN "Campaign" c ON c."id" = r."campaignId"
    JOIN "Plan" p ON p."id" = c."planId"
    JOIN "QuestionnaireTemplate" t ON t."id" = c."templateId"
    LEFT JOIN "User" sb ON sb."id" = r."submittedById"
    LEFT JOIN "Measure" m ON m."id" = s."measureId"
    LEFT JOIN "TransversalMission" tm ON tm."id" = s."missionId"
    LEFT JOIN "Funding" f ON f."id" = s."fundingId"
    WHERE s."id" = ${sectionId} AND s."returnId" = ${returnId}
      AND r."organisationId" IN (${Prisma.join(current.organisationIds)})`;
  const row = rows[0];
  if (!row) return null;
  const definition = await definitionOfTemplate({
    id: row.templateId,
    checksum: row.templateChecksum,
  });
  const annualReturn: HeaderReturn & { organisationId: string } = {
    id: row.returnId,
    status: row.returnStatus,
    organisationId: row.organisationId,
    submittedAt: row.submittedAt,
    submittedBy: row.submittedByName === null ? null : { displayName: row.submittedByName },
    organisation: { nameFr: row.organisationNameFr, nameNl: row.organisationNameNl },
    campaign: {
      titleFr: row.campaignTitleFr,
      titleNl: row.campaignTitleNl,
      year: row.campaignYear,
      dueAt: row.campaignDueAt,
      status: row.campaignStatus,
    },
  };
  const section: TaskSection & {
    answers: Prisma.JsonValue;
    version: number;
    updatedAt: Date;
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
    measure: titled(row.measureCode, row.measureTitleFr, row.measureTitleNl),
    mission: titled(row.missionCode, row.missionTitleFr, row.missionTitleNl),
    answers: row.answers,
    version: row.version,
    updatedAt: row.updatedAt,
    attachments: row.attachments,
  };
  return {
    annualReturn,
    section,
    definition,
    plan: { id: row.planId, updatedAt: row.planUpdatedAt },
  };
}
