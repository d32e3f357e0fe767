// The large dataset of the review queue and dataset benchmarks (issue 8): on top of a seeded
// database (reference data and demo, `prisma/seed/index.ts --demo`), `years` campaigns before the
// earliest existing one, for every partner (the seeded ones plus generated ones up to
// `partners`), each return with its funded-measure sections, submissions with their snapshots,
// decisions, and the dataset entries of approved returns. Written with INSERT ... SELECT over
// generate_series (a few statements, no row crosses the driver), so it takes seconds on
// PostgreSQL and about a minute on PGlite. Deterministic: every choice is a hash of ids.
//
// Defaults (10 years, 2,000 partners) give ~20k returns, ~260k sections, ~22k submissions and
// ~200k dataset entries. See docs/benchmarks.md ("Large dataset").
import type { PrismaClient } from "~/generated/prisma/client";

export interface LargeDatasetOptions {
  /** Campaigns generated, one per year, ending the year before the earliest existing campaign. */
  years?: number;
  /** Partners in all: generated ones are added to the seeded ones up to this number. */
  partners?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface LargeDatasetSummary {
  firstYear: number;
  lastYear: number;
  organisations: number;
  returns: number;
  sections: number;
  submissions: number;
  decisions: number;
  datasetEntries: number;
  /** Returns per state, over the generated campaigns. */
  byStatus: Record<string, number>;
  elapsedMs: number;
}

/** Ids of everything generated start with this, so the data is easy to tell apart. */
export const LARGE_DATASET_PREFIX = "bench-";

type Db = Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">;

/** A stable number in [0, 100) from a text (md5's first 28 bits). */
const pct = (text: string) => `((('x' || substr(md5(${text}), 1, 7))::bit(28)::int) % 100)`;
/** A stable number in [0, 2^28). */
const big = (text: string) => `(('x' || substr(md5(${text}), 1, 7))::bit(28)::int)`;

export async function generateLargeDataset(
  db: Db,
  { years = 10, partners = 2000, log = () => {} }: LargeDatasetOptions = {},
): Promise<LargeDatasetSummary> {
  const started = Date.now();
  const existing = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "Campaign" WHERE id LIKE '${LARGE_DATASET_PREFIX}%'`,
  );
  if ((existing[0]?.n ?? 0) > 0) {
    throw new Error("This database already holds a generated large dataset.");
  }
  const [frame] = await db.$queryRawUnsafe<
    { planId: string; templateId: string; minYear: number }[]
  >(
    `SELECT c."planId", c."templateId", (SELECT min(year) FROM "Campaign")::int AS "minYear"
       FROM "Campaign" c ORDER BY c.year DESC LIMIT 1`,
  );
  if (!frame) throw new Error("No campaign: seed the demo data first (npm run db:seed -- --demo).");
  const lastYear = frame.minYear - 1;
  const firstYear = lastYear - years + 1;
  const step = async (label: string, sql: string, ...params: unknown[]) => {
    const t = Date.now();
    const rows = await db.$executeRawUnsafe(sql, ...params);
    log(`${label}: ${rows} rows (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return rows;
  };

  // Partners: the seeded ones plus generated ones (every kind, a quarter Dutch-speaking).
  const [{ n: seeded } = { n: 0 }] = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM "Organisation"`,
  );
  await step(
    "organisations",
    `INSERT INTO "Organisation" (id, slug, kind, "nameFr", "nameNl", "preferredLanguage", "createdAt", "updatedAt")
     SELECT 'bench-org-' || lpad(g::text, 5, '0'), 'bench-' || lpad(g::text, 5, '0'),
            (CASE g % 20 WHEN 0 THEN 'POLICE_ZONE' WHEN 1 THEN 'COMMUNE' WHEN 2 THEN 'LISA_ANTENNA'
                         WHEN 3 THEN 'REGIONAL_BODY' ELSE 'NON_PROFIT' END)::"OrganisationKind",
            'Partenaire de test ' || g, 'Testpartner ' || g,
            (CASE WHEN g % 4 = 0 THEN 'nl' ELSE 'fr' END)::"Language", now(), now()
       FROM generate_series(1, $1::int) g`,
    Math.max(0, partners - seeded),
  );

  // Fundings over the generated years: one per partner in its kind's channel, a second one
  // (regional, or PBPP for regional bodies) for about a third of them.
  await step(
    "fundings",
    `INSERT INTO "Funding" (id, "organisationId", channel, "startYear", "endYear", title, "createdAt", "updatedAt")
     SELECT 'bench-fund-' || o.id || '-' || f.n, o.id, f.channel, $1::int, $2::int,
            CASE WHEN o."preferredLanguage" = 'nl' THEN 'Testfinanciering ' ELSE 'Financement de test ' END
              || f.channel::text, now(), now()
       FROM "Organisation" o
       CROSS JOIN LATERAL (
         SELECT 1 AS n, (CASE o.kind WHEN 'POLICE_ZONE' THEN 'FSE' WHEN 'COMMUNE' THEN 'PBPP'
                           WHEN 'LISA_ANTENNA' THEN 'LISA' WHEN 'REGIONAL_BODY' THEN 'REGIONAL'
                           ELSE CASE WHEN ${pct("o.id")} % 3 = 0 THEN 'ASBL_OUTSIDE_CALL' ELSE 'ASBL_CALL' END
                         END)::"FundingChannel" AS channel
         UNION ALL
         SELECT 2, (CASE o.kind WHEN 'REGIONAL_BODY' THEN 'PBPP' ELSE 'REGIONAL' END)::"FundingChannel"
          WHERE ${pct("o.id || ':second'")} < 30
       ) f`,
    firstYear,
    lastYear,
  );

  // Measures: 6 to 14 on the first funding (two primary), 3 secondary on the second one.
  await step(
    "funding measures",
    `WITH m AS (
       SELECT id, (row_number() OVER (ORDER BY code) - 1)::int AS idx, count(*) OVER ()::int AS total
         FROM "Measure" WHERE "planId" = $1
     )
     INSERT INTO "FundingMeasure" ("fundingId", "measureId", link)
     SELECT f.id, m.id, (CASE WHEN j < 2 AND f.id LIKE '%-1' THEN 'PRIMARY' ELSE 'SECONDARY' END)::"MeasureLink"
       FROM "Funding" f
       CROSS JOIN LATERAL generate_series(0,
         CASE WHEN f.id LIKE '%-1' THEN 5 + ${pct("f.id")} % 9 ELSE 2 END) j
       JOIN m ON m.idx = (${big("f.id")} + j * 13) % m.total
      WHERE f.id LIKE 'bench-fund-%'
     ON CONFLICT DO NOTHING`,
    frame.planId,
  );

  await step(
    "campaigns",
    `INSERT INTO "Campaign" (id, "planId", year, "templateId", "titleFr", "titleNl", "opensAt", "dueAt", status, "createdAt", "updatedAt")
     SELECT 'bench-campaign-' || y, $1, y, $2, 'Rapport annuel PGSP ' || y, 'GVPP-jaarverslag ' || y,
            make_timestamp(y + 1, 1, 15, 0, 0, 0), make_timestamp(y + 1, 3, 31, 21, 59, 0),
            'CLOSED', now(), now()
       FROM generate_series($3::int, $4::int) y`,
    frame.planId,
    frame.templateId,
    firstYear,
    lastYear,
  );

  // Returns: the last generated year is the busy one (most waiting for a decision); earlier
  // years are mostly approved, with a few still in review.
  await step(
    "returns",
    `WITH staff AS (
       SELECT array_agg(id ORDER BY id) AS ids FROM "User" WHERE "staffRole" <> 'NONE' AND active
     ), base AS (
       SELECT c.id AS "campaignId", c.year, c."dueAt", o.id AS "organisationId", o."preferredLanguage",
              'bench-ret-' || c.year || '-' || substr(md5(o.id), 1, 12) AS id,
              ${pct("o.id || c.year")} AS h, ${big("c.year || o.id")} AS h2
         FROM "Campaign" c CROSS JOIN "Organisation" o
        WHERE c.id LIKE 'bench-campaign-%'
     ), stated AS (
       SELECT b.*, (CASE
           WHEN b.year = $1::int THEN CASE WHEN h < 15 THEN 'IN_PROGRESS' WHEN h < 50 THEN 'SUBMITTED'
             WHEN h < 60 THEN 'RESUBMITTED' WHEN h < 72 THEN 'CHANGES_REQUESTED' WHEN h < 95 THEN 'APPROVED'
             ELSE 'REOPENED' END
           WHEN b.year = $1::int - 1 THEN CASE WHEN h < 5 THEN 'SUBMITTED' WHEN h < 8 THEN 'RESUBMITTED'
             WHEN h < 12 THEN 'CHANGES_REQUESTED' WHEN h < 97 THEN 'APPROVED' ELSE 'REOPENED' END
           ELSE CASE WHEN h < 1 THEN 'SUBMITTED' WHEN h < 2 THEN 'RESUBMITTED' WHEN h < 3 THEN 'CHANGES_REQUESTED'
             WHEN h < 99 THEN 'APPROVED' ELSE 'REOPENED' END
         END) AS status,
         -- First sending: up to two months before the due date, one in ten up to 3 weeks late.
         b."dueAt" - make_interval(days => CASE WHEN h2 % 10 = 0 THEN -(h2 % 21) ELSE h2 % 60 END,
                                   hours => h2 % 9) AS first
         FROM base b
     )
     INSERT INTO "AnnualReturn" (id, "campaignId", "organisationId", status, "submittedAt", "submissionKey",
       language, "assigneeId", "changesRequestedAt", "approvedAt", "approvedById", "reopenedAt", "createdAt", "updatedAt", "templateId")
     SELECT s.id, s."campaignId", s."organisationId", s.status::"ReturnStatus",
            CASE WHEN s.status = 'IN_PROGRESS' THEN NULL
                 WHEN s.status = 'RESUBMITTED' OR (s.status = 'APPROVED' AND s.h2 % 5 = 0) THEN s.first + interval '30 days'
                 ELSE s.first END,
            CASE WHEN s.status = 'IN_PROGRESS' THEN NULL ELSE 'bench-' || s.id END,
            s."preferredLanguage",
            CASE WHEN s.status = 'IN_PROGRESS' OR staff.ids IS NULL OR s.h2 % 3 = 0 THEN NULL
                 ELSE staff.ids[1 + s.h2 % cardinality(staff.ids)] END,
            CASE WHEN s.status IN ('CHANGES_REQUESTED', 'RESUBMITTED') THEN s.first + interval '12 days' END,
            CASE WHEN s.status = 'APPROVED' THEN s.first + interval '45 days' END,
            CASE WHEN s.status = 'APPROVED' AND staff.ids IS NOT NULL
                 THEN staff.ids[1 + s.h2 % cardinality(staff.ids)] END,
            CASE WHEN s.status = 'REOPENED' THEN s.first + interval '60 days' END,
            s."dueAt" - interval '80 days', now(),
            (SELECT c."templateId" FROM "Campaign" c WHERE c.id = s."campaignId")
       FROM stated s CROSS JOIN staff`,
    lastYear,
  );

  // Sections: the organisation block, one block per funding × measure, the declaration
  // (the default template's section ids and positions, returns/positions.ts).
  const fundedAnswers = `jsonb_build_object(
      'status', 'done',
      'actions', CASE WHEN r.language = 'nl'
        THEN 'In ' || c.year || ' heeft de partner maatregel ' || m.code || ' uitgevoerd: overleg met de gemeente, gerichte acties in de wijken en opvolging van de meldingen.'
        ELSE 'En ' || c.year || ', le partenaire a mis en œuvre la mesure ' || m.code || ' : concertation avec la commune, actions ciblées dans les quartiers et suivi des signalements.' END,
      'targetPublics', jsonb_build_array('residents', 'professionals'),
      'peopleReached', (${big("r.id || m.id")} % 2000)::text,
      'figures', jsonb_build_array(jsonb_build_object(
        'label', CASE WHEN r.language = 'nl' THEN 'Bereikte personen' ELSE 'Personnes touchées' END,
        'value', (${big("r.id || m.id")} % 2000)::text,
        'unit', CASE WHEN r.language = 'nl' THEN 'personen' ELSE 'personnes' END)))`;
  await step(
    "sections",
    `INSERT INTO "ReturnSection" (id, "returnId", "slotKey", kind, "templateSection", position, origin,
       "fundingId", "measureId", "measureLink", answers, "answersLanguage", status, version,
       "changesRequestedAt", "createdAt", "updatedAt")
     SELECT 'bsec-' || substr(md5(x."returnId" || x."slotKey"), 1, 24), x.*
       FROM (
         SELECT r.id AS "returnId", 'S:organisation' AS "slotKey", 'ORGANISATION'::"ReturnSectionKind",
                'organisation', 0, 'TEMPLATE'::"SectionOrigin", NULL, NULL, NULL::"MeasureLink",
                jsonb_build_object('detailsConfirmed', 'yes'), r.language,
                'COMPLETED'::"SectionStatus", 1, NULL::timestamp, now(), now()
           FROM "AnnualReturn" r WHERE r.id LIKE 'bench-ret-%'
         UNION ALL
         SELECT r.id, 'B:' || f.id || ':' || m.id, 'FUNDED_MEASURE', 'contribution',
                (100 + row_number() OVER (PARTITION BY r.id ORDER BY f.id, fm.link, m.code) - 1)::int,
                'FUNDING', f.id, m.id, fm.link, ${fundedAnswers}, r.language,
                CASE WHEN r.status = 'IN_PROGRESS' AND m.code > '5' THEN 'IN_PROGRESS' ELSE 'COMPLETED' END::"SectionStatus",
                1, CASE WHEN r.status = 'CHANGES_REQUESTED' THEN r."changesRequestedAt" END, now(), now()
           FROM "AnnualReturn" r
           JOIN "Campaign" c ON c.id = r."campaignId"
           JOIN "Funding" f ON f."organisationId" = r."organisationId" AND f.id LIKE 'bench-fund-%'
           JOIN "FundingMeasure" fm ON fm."fundingId" = f.id
           JOIN "Measure" m ON m.id = fm."measureId"
          WHERE r.id LIKE 'bench-ret-%'
         UNION ALL
         SELECT r.id, 'S:declaration', 'DECLARATION', 'declaration', 9999, 'TEMPLATE', NULL, NULL, NULL,
                jsonb_build_object('declarantName', 'Camille Demaret', 'declarantRole', 'Coordination',
                                   'confirmation', jsonb_build_array('accurate')),
                r.language, CASE WHEN r.status = 'IN_PROGRESS' THEN 'NOT_STARTED' ELSE 'COMPLETED' END::"SectionStatus",
                1, NULL, now(), now()
           FROM "AnnualReturn" r WHERE r.id LIKE 'bench-ret-%'
       ) x`,
  );

  // Submissions: one per sending (two for resubmitted returns and a fifth of approved ones),
  // each with the snapshot of its sections (checked answers: numbers as numbers). The first of
  // two sendings had another figure in the first funded block: the diff has something to show.
  await step(
    "submissions",
    `WITH r AS (
       SELECT r.*, c.year, c."dueAt", t.key AS "templateKey", t.version AS "templateVersion",
              CASE WHEN r.status = 'RESUBMITTED'
                     OR (r.status = 'APPROVED' AND ${big('c.year || r."organisationId"')} % 5 = 0)
                   THEN 2 ELSE 1 END AS sendings
         FROM "AnnualReturn" r
         JOIN "Campaign" c ON c.id = r."campaignId"
         JOIN "QuestionnaireTemplate" t ON t.id = c."templateId"
        WHERE r.id LIKE 'bench-ret-%' AND r.status <> 'IN_PROGRESS'
     )
     INSERT INTO "Submission" (id, "returnId", number, "submittedAt", late, language, snapshot)
     SELECT 'bsub-' || r.id || '-' || n, r.id, n,
            r."submittedAt" - make_interval(days => 30 * (r.sendings - n)),
            r."submittedAt" - make_interval(days => 30 * (r.sendings - n)) > r."dueAt",
            r.language,
            jsonb_build_object(
              'templateKey', r."templateKey", 'templateVersion', r."templateVersion",
              'campaignYear', r.year, 'organisationId', r."organisationId",
              'sections', (
                SELECT jsonb_agg(jsonb_build_object(
                  'sectionId', s.id, 'slotKey', s."slotKey", 'kind', s.kind,
                  'templateSection', s."templateSection", 'measureCode', m.code,
                  'measureLink', s."measureLink", 'fundingTitle', f.title, 'missionCode', NULL,
                  'answersLanguage', s."answersLanguage",
                  'answers', CASE WHEN s.kind = 'FUNDED_MEASURE' THEN s.answers || jsonb_build_object(
                      'peopleReached', (s.answers->>'peopleReached')::int
                        - CASE WHEN n < r.sendings AND s.position = 100 THEN 10 ELSE 0 END,
                      'figures', jsonb_build_array(jsonb_build_object(
                        'label', s.answers->'figures'->0->>'label',
                        'value', (s.answers->'figures'->0->>'value')::int,
                        'unit', s.answers->'figures'->0->>'unit')))
                    WHEN s.kind = 'ORGANISATION' THEN jsonb_build_object('detailsConfirmed', true)
                    ELSE s.answers END,
                  'attachments', '[]'::jsonb) ORDER BY s.position)
                FROM "ReturnSection" s
                LEFT JOIN "Measure" m ON m.id = s."measureId"
                LEFT JOIN "Funding" f ON f.id = s."fundingId"
               WHERE s."returnId" = r.id))
       FROM r CROSS JOIN LATERAL generate_series(1, r.sendings) n`,
  );

  // Decisions: approved and reopened returns have every section accepted on their last
  // sending; returns sent back (and those resubmitted since) had changes asked on their first
  // funded block and the rest accepted, on their first sending.
  await step(
    "decisions",
    `INSERT INTO "SectionDecision" (id, "returnId", "submissionId", "sectionId", decision, note, "decidedById", "decidedAt")
     SELECT 'bdec-' || sub.id || '-' || s.id, r.id, sub.id, s.id,
            (CASE WHEN r.status IN ('CHANGES_REQUESTED', 'RESUBMITTED') AND s.position = 100
                  THEN 'CHANGES_NEEDED' ELSE 'ACCEPTED' END)::"SectionDecisionKind",
            CASE WHEN r.status IN ('CHANGES_REQUESTED', 'RESUBMITTED') AND s.position = 100
                 THEN CASE WHEN r.language = 'nl' THEN 'Vermeld het aantal bereikte personen per wijk.'
                           ELSE 'Merci de préciser le nombre de personnes touchées par quartier.' END END,
            COALESCE(r."approvedById", r."assigneeId"),
            sub."submittedAt" + interval '10 days'
       FROM "AnnualReturn" r
       JOIN "Submission" sub ON sub."returnId" = r.id
        AND sub.number = CASE WHEN r.status IN ('APPROVED', 'REOPENED')
                              THEN (SELECT max(number) FROM "Submission" x WHERE x."returnId" = r.id) ELSE 1 END
       JOIN "ReturnSection" s ON s."returnId" = r.id
      WHERE r.id LIKE 'bench-ret-%' AND r.status IN ('APPROVED', 'REOPENED', 'CHANGES_REQUESTED', 'RESUBMITTED')`,
  );

  // The dataset: one entry per funded block of an approved return (current), and of a reopened
  // one (superseded at its reopening).
  await step(
    "dataset entries",
    `INSERT INTO "DatasetEntry" (id, source, "returnId", "submissionId", "sectionId", year, "planId",
       "organisationId", "organisationKind", "fundingId", "fundingTitle", channel, "measureId",
       "measureCode", "themeId", link, "missionCodes", narrative, "narrativeLanguage", figures,
       attachments, "approvedById", "approvedAt", "supersededAt")
     SELECT 'bde-' || s.id, 'APPROVAL', r.id, sub.id, s.id, c.year, c."planId", r."organisationId",
            o.kind, f.id, f.title, f.channel, m.id, m.code, m."themeId",
            s."measureLink"::text::"DatasetLink", ARRAY[]::text[], s.answers->>'actions',
            s."answersLanguage",
            jsonb_build_array(jsonb_build_object('label', s.answers->'figures'->0->>'label',
              'value', (s.answers->'figures'->0->>'value')::int, 'unit', s.answers->'figures'->0->>'unit')),
            '[]'::jsonb,
            COALESCE(r."approvedById", r."assigneeId"),
            COALESCE(r."approvedAt", r."reopenedAt" - interval '15 days'),
            CASE WHEN r.status = 'REOPENED' THEN r."reopenedAt" END
       FROM "AnnualReturn" r
       JOIN "Campaign" c ON c.id = r."campaignId"
       JOIN "Organisation" o ON o.id = r."organisationId"
       JOIN "Submission" sub ON sub."returnId" = r.id
        AND sub.number = (SELECT max(number) FROM "Submission" x WHERE x."returnId" = r.id)
       JOIN "ReturnSection" s ON s."returnId" = r.id AND s.kind = 'FUNDED_MEASURE'
       JOIN "Funding" f ON f.id = s."fundingId"
       JOIN "Measure" m ON m.id = s."measureId"
      WHERE r.id LIKE 'bench-ret-%' AND r.status IN ('APPROVED', 'REOPENED')`,
  );

  // Vacuumed with fresh statistics, as a database that grew over ten years would be (the
  // visibility map lets PostgreSQL answer counts from an index alone).
  await step("vacuum", "VACUUM ANALYZE");

  const count = async (sql: string) => (await db.$queryRawUnsafe<{ n: number }[]>(sql))[0]?.n ?? 0;
  const byStatusRows = await db.$queryRawUnsafe<{ status: string; n: number }[]>(
    `SELECT status::text, count(*)::int AS n FROM "AnnualReturn" WHERE id LIKE 'bench-ret-%'
      GROUP BY status ORDER BY status`,
  );
  const summary: LargeDatasetSummary = {
    firstYear,
    lastYear,
    organisations: await count(`SELECT count(*)::int AS n FROM "Organisation"`),
    returns: await count(
      `SELECT count(*)::int AS n FROM "AnnualReturn" WHERE id LIKE 'bench-ret-%'`,
    ),
    sections: await count(
      `SELECT count(*)::int AS n FROM "ReturnSection" WHERE "returnId" LIKE 'bench-ret-%'`,
    ),
    submissions: await count(
      `SELECT count(*)::int AS n FROM "Submission" WHERE "returnId" LIKE 'bench-ret-%'`,
    ),
    decisions: await count(
      `SELECT count(*)::int AS n FROM "SectionDecision" WHERE "returnId" LIKE 'bench-ret-%'`,
    ),
    datasetEntries: await count(
      `SELECT count(*)::int AS n FROM "DatasetEntry" WHERE "returnId" LIKE 'bench-ret-%'`,
    ),
    byStatus: Object.fromEntries(byStatusRows.map((row) => [row.status, row.n])),
    elapsedMs: Date.now() - started,
  };
  return summary;
}
