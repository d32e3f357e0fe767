// An edition's entries: one row per current entry of the plan and period, the entry as
// published at the freeze (published.ts), written inside the freeze's transaction.
//
// Most entries have no screening finding: their published form is the entry itself, by codes
// and names, so the database writes them with one INSERT … SELECT per batch and nothing crosses
// to JavaScript (at 230k entries, reading them through the driver and sending them back as JSON
// took the freeze a minute and 700 MB of the server's memory: docs/benchmarks.md). An entry
// with a finding is published by publishEntry, the one rule for what may leave the platform:
// those are read and written by JavaScript, and so is an entry with a number JavaScript would
// write otherwise. The SQL mirrors publishedOf and the figures' lenient reading
// (screening/publish.ts's figuresSchema: a label that is not a text is "", a value that is
// neither a number nor a text is null, a unit that is not a text is null, and a list holding
// anything but objects is no list); the integration test freezes awkward entries both ways and
// compares the stored JSON as text (editions-entries-writers.test.ts).
import { setImmediate as nextTurn } from "node:timers/promises";
import type { PublishedEntry } from "./published";
import { Prisma } from "~/generated/prisma/client";
import { publishEntry } from "~/modules/screening/publish";
import { findingsForEntries } from "~/modules/screening/publish.server";
import type { Tx } from "~/utils/db.server";

/** Who writes the entries without findings: the database (default), or JavaScript (tests). */
export type EntryWriter = "database" | "javascript";

export interface EditionEntriesInput {
  editionId: string;
  plan: { id: string; code: string };
  period: { from: number; to: number };
  batchSize: number;
  writer: EntryWriter;
  /** Entries written so far (for a progress bar). */
  onProgress?: (written: number) => void;
}

/** Writes the edition's entries; returns how many. */
export async function writeEditionEntries(tx: Tx, input: EditionEntriesInput): Promise<number> {
  // The batches are named statements (prepared-statements.server.ts), which PostgreSQL plans
  // generically after five runs: not knowing where a batch starts, that plan sorted every
  // remaining entry for each batch (the first of 117 took ten times the last). Planned for
  // their parameters, each batch reads its 2,000 entries by the primary key.
  await tx.$executeRaw`SET LOCAL plan_cache_mode = force_custom_plan`;
  let written = 0;
  // The embedded database answers on this thread without ever leaving the event loop a turn:
  // between batches, timers and other requests get theirs (the form's wait, the job's page).
  const progress = async (n: number) => {
    written += n;
    input.onProgress?.(written);
    await nextTurn();
  };
  if (input.writer === "database") {
    let afterId = "";
    for (;;) {
      const [batch] = await tx.$queryRaw<{ n: number; last: string | null }[]>(
        insertWithoutFindings(input, afterId),
      );
      if (!batch || batch.n === 0 || batch.last === null) break;
      await progress(batch.n);
      afterId = batch.last;
      if (batch.n < input.batchSize) break;
    }
  }
  let afterId = "";
  for (;;) {
    const rows = await readEntries(tx, input, afterId);
    if (rows.length === 0) break;
    const findings = await findingsForEntries(
      tx,
      rows.filter((row) => row.hasFindings).map((row) => row.id),
    );
    const published = rows.map((row) =>
      publishedOf(row, input.plan.code, publishEntry(row, findings.get(row.id) ?? [])),
    );
    // One JSON array as one parameter, unpacked by the database: createMany's thousands of
    // parameters made the inserts three quarters of a 200k-entry freeze.
    await tx.$executeRaw(Prisma.sql`
      INSERT INTO "ReportEditionEntry" ("editionId", "entryId", "published")
      SELECT ${input.editionId}, p->>'entryId', p
        FROM jsonb_array_elements(${JSON.stringify(published)}::jsonb) AS p`);
    await progress(rows.length);
    afterId = rows.at(-1)!.id;
    if (rows.length < input.batchSize) break;
  }
  return written;
}

/** The current entries of the plan and period, e; o its organisation, t its theme. */
function currentEntries(input: EditionEntriesInput, afterId: string) {
  return Prisma.sql`
      FROM "DatasetEntry" e
      JOIN "Theme" t ON t."id" = e."themeId"
      JOIN "Organisation" o ON o."id" = e."organisationId"
     WHERE e."supersededAt" IS NULL AND e."planId" = ${input.plan.id}
       AND e."year" >= ${input.period.from}::int AND e."year" <= ${input.period.to}::int
       AND e."id" > ${afterId}`;
}

const hasFindings = Prisma.sql`EXISTS (SELECT FROM "PersonalDataFinding" f WHERE f."entryId" = e."id")`;

// A figure's number that JavaScript would write otherwise than the database stores it: a
// decimal ("1.50", "0.1000…01"), or beyond the integers a double holds exactly (up to 15
// digits here, as the CSV's stored cells), or out of a double's range ("1e400": null in JSON).
// The platform writes figures from JavaScript, so these come only from elsewhere; JavaScript
// publishes them.
const numbersOtherwise = Prisma.sql`(jsonb_typeof(e."figures") = 'array' AND EXISTS (
  SELECT FROM jsonb_array_elements(e."figures") AS n(f)
   WHERE jsonb_typeof(n.f -> 'value') = 'number'
     AND (n.f ->> 'value') !~ '^-?(0|[1-9][0-9]{0,14})$'))`;

/** The entries JavaScript publishes when the database writes the rest. */
const byJavaScript = Prisma.sql`(${hasFindings} OR ${numbersOtherwise})`;

// A figure as figuresSchema reads it (x.f: one element of the stored list).
const FIGURE = Prisma.sql`jsonb_build_object(
  'label', CASE jsonb_typeof(x.f -> 'label') WHEN 'string' THEN x.f -> 'label' ELSE '""'::jsonb END,
  'value', CASE jsonb_typeof(x.f -> 'value') WHEN 'number' THEN x.f -> 'value'
                                              WHEN 'string' THEN x.f -> 'value' ELSE 'null'::jsonb END,
  'unit', CASE jsonb_typeof(x.f -> 'unit') WHEN 'string' THEN x.f -> 'unit' ELSE 'null'::jsonb END)`;

// The stored figures as figuresSchema reads them: a list of objects, else no figure.
const FIGURES = Prisma.sql`CASE
  WHEN jsonb_typeof(e."figures") = 'array'
   AND NOT jsonb_path_exists(e."figures", 'strict $[*] ? (@.type() != "object")')
  THEN coalesce((SELECT jsonb_agg(${FIGURE} ORDER BY x.n)
                   FROM jsonb_array_elements(e."figures") WITH ORDINALITY AS x(f, n)), '[]'::jsonb)
  ELSE '[]'::jsonb END`;

/** A batch of entries without findings, published by the database: how many, and the last id. */
function insertWithoutFindings(input: EditionEntriesInput, afterId: string) {
  return Prisma.sql`
    WITH written AS (
      INSERT INTO "ReportEditionEntry" ("editionId", "entryId", "published")
      SELECT ${input.editionId}, e."id", jsonb_build_object(
               'entryId', e."id",
               'year', e."year",
               'planCode', ${input.plan.code}::text,
               'themeCode', t."code",
               'measureCode', e."measureCode",
               'organisation', jsonb_build_object(
                 'identifier', coalesce(o."officialId", o."slug"),
                 'kind', o."kind"::text,
                 'nameFr', o."nameFr",
                 'nameNl', o."nameNl"),
               'channel', e."channel"::text,
               'link', e."link"::text,
               'source', e."source"::text,
               'missionCodes', to_jsonb(e."missionCodes"),
               'narrative', e."narrative",
               'narrativeLanguage', e."narrativeLanguage"::text,
               'figures', ${FIGURES},
               'screening', 'clear',
               -- toISOString(): the stored UTC instant, milliseconds and a Z.
               'approvedAt', to_char(e."approvedAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
      ${currentEntries(input, afterId)}
        AND NOT ${byJavaScript}
      ORDER BY e."id"
      LIMIT ${input.batchSize}::int
      RETURNING "entryId")
    SELECT count(*)::int AS "n", max("entryId") AS "last" FROM written`;
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
  /** Screening found something in it: its findings are read. */
  hasFindings: boolean;
}

/**
 * The entries JavaScript publishes, after `afterId` in id order (keyset batches): those with
 * findings or numbers it writes otherwise, or every entry when JavaScript writes them all.
 */
function readEntries(tx: Tx, input: EditionEntriesInput, afterId: string) {
  return tx.$queryRaw<EntryRow[]>(Prisma.sql`
    SELECT e."id", e."year", e."source"::text AS "source", e."channel"::text AS "channel",
           e."link"::text AS "link", e."missionCodes", e."narrative",
           e."narrativeLanguage"::text AS "narrativeLanguage", e."figures", e."approvedAt",
           e."measureCode", t."code" AS "themeCode", o."officialId", o."slug",
           o."kind"::text AS "kind", o."nameFr", o."nameNl", ${hasFindings} AS "hasFindings"
      ${currentEntries(input, afterId)}
      ${input.writer === "database" ? Prisma.sql`AND ${byJavaScript}` : Prisma.empty}
     ORDER BY e."id"
     LIMIT ${input.batchSize}::int`);
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
