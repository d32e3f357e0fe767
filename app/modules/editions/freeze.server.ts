// Freezing a report edition (ADR 0021: editions are copies, not views): the report's tables as
// counted now, in French and Dutch, with the small-count threshold applied as published, and
// one row per current entry of the plan and period holding the entry as published (stable
// codes, published text through screening). One transaction writes the edition, its entries
// and the audit row; the edition is never changed afterwards (a trigger).
//
// Tables and entries describe the same moment. The tables are counted by the reports module on
// its own connection (loadReportTable takes no transaction, and PGlite's one connection is held
// by ours), so the dataset's mark (how many entries of the plan, how many superseded: both only
// ever grow, entries are never deleted) is read before counting and again inside the
// transaction, whose reads all see one snapshot (REPEATABLE READ on PostgreSQL; PGlite runs one
// transaction at a time). An approval or import landing in between changes the mark: the tables
// are counted again.
import type { FreezeEditionInput } from "./schema";
import type { EditionTables } from "./diff";
import type { PublishedEntry } from "./published";
import { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Language } from "~/modules/i18n/languages";
import { publishedTableOptions } from "~/modules/reports/settings.server";
import { REPORT_TABLE_NAMES, type ReportTable } from "~/modules/reports/table-model";
import { loadReportTable } from "~/modules/reports/tables.server";
import { publishEntry } from "~/modules/screening/publish";
import { findingsForEntries } from "~/modules/screening/publish.server";
import { databaseEngine, prisma, type Tx } from "~/utils/db.server";

/** Entries read, published and inserted per batch: memory stays flat at 200k entries. */
export const FREEZE_BATCH_SIZE = 2000;
/** How many times the tables are counted again when the dataset moved meanwhile. */
const ATTEMPTS = 3;

export type FreezeOutcome =
  | { outcome: "frozen"; editionId: string; entryCount: number }
  | { outcome: "unknown-plan" }
  /** The period leaves the plan's years (and the years its entries hold): nothing written. */
  | { outcome: "outside-plan"; from: number; to: number }
  | { outcome: "dataset-busy" };

interface Mark {
  entries: number;
  superseded: number;
}

async function datasetMark(db: Tx | typeof prisma, planId: string): Promise<Mark> {
  const [row] = await db.$queryRaw<Mark[]>(Prisma.sql`
    SELECT count(*)::int AS "entries", count("supersededAt")::int AS "superseded"
      FROM "DatasetEntry" WHERE "planId" = ${planId}`);
  return row ?? { entries: 0, superseded: 0 };
}

/**
 * The years an edition of a plan may cover: the plan's own, widened to the years its dataset
 * entries hold (history imported from before the plan, a late year).
 */
export async function editionYears(plan: { id: string; startYear: number; endYear: number }) {
  const [row] = await prisma.$queryRaw<{ first: number | null; last: number | null }[]>(
    Prisma.sql`SELECT min("year")::int AS "first", max("year")::int AS "last"
                 FROM "DatasetEntry" WHERE "planId" = ${plan.id}`,
  );
  return {
    from: Math.min(plan.startYear, row?.first ?? plan.startYear),
    to: Math.max(plan.endYear, row?.last ?? plan.endYear),
  };
}

/** Every report table of the plan and period in one language, as published. */
export async function publishedTables(
  planCode: string,
  period: { from: number; to: number },
  lang: Language,
  suppressBelow: number,
): Promise<ReportTable[]> {
  const options = suppressBelow > 0 ? { suppressBelow } : {};
  const tables: ReportTable[] = [];
  // One after the other: PGlite answers one query at a time anyway.
  for (const name of REPORT_TABLE_NAMES)
    tables.push(await loadReportTable(name, { planCode, ...period }, lang, options));
  return tables;
}

interface EntryRow {
  id: string;
  year: number;
  source: string;
  channel: string;
  link: string;
  missionCodes: string[];
  narrative: string;
  narrativeLanguage: string | null;
  figures: unknown;
  approvedAt: Date;
  measureCode: string;
  themeCode: string;
  officialId: string | null;
  slug: string;
  kind: string;
  nameFr: string;
  nameNl: string;
  /** Screening found something in it: its findings are read (most entries have none). */
  hasFindings: boolean;
}

/** The current entries of the plan and period after `afterId`, in id order (keyset batches). */
function readEntries(
  tx: Tx,
  planId: string,
  period: { from: number; to: number },
  afterId: string,
  limit: number,
) {
  return tx.$queryRaw<EntryRow[]>(Prisma.sql`
    SELECT e."id", e."year", e."source"::text AS "source", e."channel"::text AS "channel",
           e."link"::text AS "link", e."missionCodes", e."narrative",
           e."narrativeLanguage"::text AS "narrativeLanguage", e."figures", e."approvedAt",
           e."measureCode", t."code" AS "themeCode", o."officialId", o."slug",
           o."kind"::text AS "kind", o."nameFr", o."nameNl",
           EXISTS (SELECT 1 FROM "PersonalDataFinding" f WHERE f."entryId" = e."id")
             AS "hasFindings"
      FROM "DatasetEntry" e
      JOIN "Theme" t ON t."id" = e."themeId"
      JOIN "Organisation" o ON o."id" = e."organisationId"
     WHERE e."supersededAt" IS NULL AND e."planId" = ${planId}
       AND e."year" >= ${period.from}::int AND e."year" <= ${period.to}::int
       AND e."id" > ${afterId}
     ORDER BY e."id"
     LIMIT ${limit}::int`);
}

function publishedOf(
  row: EntryRow,
  planCode: string,
  published: ReturnType<typeof publishEntry>,
): PublishedEntry {
  return {
    entryId: row.id,
    year: row.year,
    planCode,
    themeCode: row.themeCode,
    measureCode: row.measureCode,
    organisation: {
      identifier: row.officialId ?? row.slug,
      kind: row.kind,
      nameFr: row.nameFr,
      nameNl: row.nameNl,
    },
    channel: row.channel,
    link: row.link,
    source: row.source,
    missionCodes: row.missionCodes,
    narrative: published.narrative,
    narrativeLanguage: row.narrativeLanguage,
    figures: published.figures.map((figure) => ({
      label: figure.label,
      value: figure.value,
      unit: figure.unit ?? null,
    })),
    screening: published.screening,
    approvedAt: row.approvedAt.toISOString(),
  };
}

/** Freezes "the 2023 report": its tables and the entries behind them, as published now. */
export async function freezeEdition(
  input: FreezeEditionInput,
  actorUserId: string,
  options: { batchSize?: number } = {},
): Promise<FreezeOutcome> {
  const batchSize = options.batchSize ?? FREEZE_BATCH_SIZE;
  const plan = await prisma.plan.findUnique({
    where: { code: input.planCode },
    select: { id: true, code: true, startYear: true, endYear: true },
  });
  if (!plan) return { outcome: "unknown-plan" };
  const period = { from: input.fromYear, to: input.toYear };
  const years = await editionYears(plan);
  if (period.from < years.from || period.to > years.to)
    return { outcome: "outside-plan", ...years };
  const { suppressBelow = 0 } = await publishedTableOptions();

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await datasetMark(prisma, plan.id);
    const tables: EditionTables = {
      fr: await publishedTables(plan.code, period, "fr", suppressBelow),
      nl: await publishedTables(plan.code, period, "nl", suppressBelow),
      suppressBelow,
    };
    const frozen = await prisma.$transaction(
      async (tx) => {
        const now = await datasetMark(tx, plan.id);
        if (now.entries !== before.entries || now.superseded !== before.superseded) return null;
        const [counted] = await tx.$queryRaw<{ n: number }[]>(Prisma.sql`
          SELECT count(*)::int AS "n" FROM "DatasetEntry"
           WHERE "supersededAt" IS NULL AND "planId" = ${plan.id}
             AND "year" >= ${period.from}::int AND "year" <= ${period.to}::int`);
        const entryCount = counted?.n ?? 0;
        // The edition row is written whole, once: the trigger refuses any later update.
        const edition = await tx.reportEdition.create({
          data: {
            planId: plan.id,
            title: input.title,
            fromYear: period.from,
            toYear: period.to,
            tables: tables as unknown as Prisma.InputJsonValue,
            entryCount,
            frozenById: actorUserId,
          },
          select: { id: true },
        });
        let written = 0;
        let afterId = "";
        for (;;) {
          const rows = await readEntries(tx, plan.id, period, afterId, batchSize);
          if (rows.length === 0) break;
          const findings = await findingsForEntries(
            tx,
            rows.filter((row) => row.hasFindings).map((row) => row.id),
          );
          const published = rows.map((row) =>
            publishedOf(row, plan.code, publishEntry(row, findings.get(row.id) ?? [])),
          );
          // One JSON array as one parameter, unpacked by the database: createMany's thousands
          // of parameters made the inserts three quarters of a 200k-entry freeze.
          await tx.$executeRaw(Prisma.sql`
            INSERT INTO "ReportEditionEntry" ("editionId", "entryId", "published")
            SELECT ${edition.id}, p->>'entryId', p
              FROM jsonb_array_elements(${JSON.stringify(published)}::jsonb) AS p`);
          written += rows.length;
          afterId = rows.at(-1)!.id;
          if (rows.length < batchSize) break;
        }
        if (written !== entryCount) throw new Error("Edition entries do not match their count");
        await recordAudit(tx, {
          action: "report-edition.frozen",
          actorUserId,
          targetType: "ReportEdition",
          targetId: edition.id,
          details: { planCode: plan.code, fromYear: period.from, toYear: period.to, entryCount },
        });
        return { editionId: edition.id, entryCount };
      },
      {
        // 200k entries take a while; nothing else waits on PostgreSQL (no lock is taken).
        timeout: 600_000,
        maxWait: 60_000,
        ...(databaseEngine === "postgres"
          ? { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead }
          : {}),
      },
    );
    if (frozen) return { outcome: "frozen", ...frozen };
  }
  return { outcome: "dataset-busy" };
}
