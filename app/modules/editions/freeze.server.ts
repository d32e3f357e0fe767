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
import { setImmediate as nextTurn } from "node:timers/promises";
import type { FreezeEditionInput } from "./schema";
import type { EditionTables } from "./diff";
import { type EntryWriter, writeEditionEntries } from "./edition-entries.server";
import { Prisma } from "~/generated/prisma/client";
import { recordAudit } from "~/modules/audit/audit.server";
import type { Language } from "~/modules/i18n/languages";
import { publishedTableOptions } from "~/modules/reports/settings.server";
import { REPORT_TABLE_NAMES, type ReportTable } from "~/modules/reports/table-model";
import { loadReportTable } from "~/modules/reports/tables.server";
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
  // One after the other: PGlite answers one query at a time anyway, on this thread, so the event
  // loop gets a turn between two tables (edition-entries.server.ts).
  for (const name of REPORT_TABLE_NAMES) {
    tables.push(await loadReportTable(name, { planCode, ...period }, lang, options));
    await nextTurn();
  }
  return tables;
}

/** Where a freeze stands: counting the tables, then writing the entries (of `total`). */
export type FreezeProgress =
  { phase: "tables" } | { phase: "entries"; done: number; total: number };

/** The plan and period of a freeze, checked against the database before any work. */
export async function checkFreeze(
  input: Pick<FreezeEditionInput, "planCode" | "fromYear" | "toYear">,
) {
  const plan = await prisma.plan.findUnique({
    where: { code: input.planCode },
    select: { id: true, code: true, startYear: true, endYear: true },
  });
  if (!plan) return { outcome: "unknown-plan" } as const;
  const years = await editionYears(plan);
  if (input.fromYear < years.from || input.toYear > years.to)
    return { outcome: "outside-plan", ...years } as const;
  return { outcome: "ok", plan } as const;
}

/** Freezes "the 2023 report": its tables and the entries behind them, as published now. */
export async function freezeEdition(
  input: FreezeEditionInput,
  actorUserId: string,
  options: {
    batchSize?: number;
    /** Tests: JavaScript publishes every entry, to compare with the database's. */
    writer?: EntryWriter;
    onProgress?: (progress: FreezeProgress) => void;
  } = {},
): Promise<FreezeOutcome> {
  const batchSize = options.batchSize ?? FREEZE_BATCH_SIZE;
  const checked = await checkFreeze(input);
  if (checked.outcome !== "ok") return checked;
  const { plan } = checked;
  const period = { from: input.fromYear, to: input.toYear };
  const { suppressBelow = 0 } = await publishedTableOptions();

  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    options.onProgress?.({ phase: "tables" });
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
        const written = await writeEditionEntries(tx, {
          editionId: edition.id,
          plan,
          period,
          batchSize,
          writer: options.writer ?? "database",
          onProgress: (done) => options.onProgress?.({ phase: "entries", done, total: entryCount }),
        });
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
