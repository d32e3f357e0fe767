// The submissions migration on data: each sent return's snapshot becomes its latest submission,
// numbered after the sendings its history records; a return never sent gets none. On a bare
// in-memory PGlite migrated up to the migration before it (PostgreSQL runs the same SQL).
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "~/utils/db/migrate.server";
import { pgliteRunner } from "~/utils/db/sql-runner.server";

const migrations = readMigrations();
const index = migrations.findIndex((m) => m.name.endsWith("_submissions"));
let pglite: PGlite;

beforeAll(async () => {
  pglite = new PGlite();
  await applyMigrations(pgliteRunner(pglite), migrations.slice(0, index));
  await pglite.exec(`
    INSERT INTO "Plan" ("id", "code", "titleFr", "titleNl", "startYear", "endYear", "updatedAt")
      VALUES ('plan', 'PGSP', 'Plan', 'Plan', 2021, 2024, now());
    INSERT INTO "QuestionnaireTemplate" ("id", "key", "version", "titleFr", "titleNl", "definition", "checksum")
      VALUES ('tpl', 'annual', 1, 'Rapport', 'Verslag', '{}', 'x');
    INSERT INTO "Campaign" ("id", "planId", "year", "templateId", "titleFr", "titleNl", "opensAt", "dueAt", "updatedAt")
      VALUES ('c2022', 'plan', 2022, 'tpl', 'R', 'V', '2023-01-15', '2023-03-31 21:59', now());
    INSERT INTO "Organisation" ("id", "slug", "kind", "nameFr", "nameNl", "updatedAt") VALUES
      ('o1', 'o1', 'COMMUNE', 'A', 'A', now()),
      ('o2', 'o2', 'COMMUNE', 'B', 'B', now()),
      ('o3', 'o3', 'COMMUNE', 'C', 'C', now());
    INSERT INTO "AnnualReturn" ("id", "campaignId", "organisationId", "status", "submittedAt", "snapshot", "language", "updatedAt") VALUES
      ('on-time', 'c2022', 'o1', 'SUBMITTED', '2023-03-20 13:30', '{"sections": ["first"]}', 'fr', now()),
      ('resent', 'c2022', 'o2', 'RESUBMITTED', '2023-05-02 08:00', '{"sections": ["second"]}', 'nl', now()),
      ('draft', 'c2022', 'o3', 'IN_PROGRESS', NULL, NULL, 'fr', now());
    INSERT INTO "AuditEvent" ("id", "action", "targetType", "targetId") VALUES
      ('a1', 'return.submitted', 'AnnualReturn', 'on-time'),
      ('a2', 'return.submitted', 'AnnualReturn', 'resent'),
      ('a3', 'return.submitted', 'AnnualReturn', 'resent');
  `);
  await applyMigrations(pgliteRunner(pglite), migrations.slice(0, index + 1));
}, 120_000);

afterAll(async () => {
  await pglite.close();
});

describe("submissions migration", () => {
  it("each sent return's snapshot becomes its latest submission; a draft gets none", async () => {
    expect(index).toBeGreaterThan(0);
    const { rows } = await pglite.query(
      `SELECT "returnId", "number", "submittedAt", "late", "language"::text AS "language", "snapshot"
       FROM "Submission" ORDER BY "returnId"`,
    );
    expect(rows).toEqual([
      {
        returnId: "on-time",
        number: 1,
        submittedAt: new Date("2023-03-20T13:30:00Z"),
        late: false,
        language: "fr",
        snapshot: { sections: ["first"] },
      },
      {
        // Sent twice before: the next receipt's key follows on from the second one's.
        returnId: "resent",
        number: 2,
        submittedAt: new Date("2023-05-02T08:00:00Z"),
        late: true,
        language: "nl",
        snapshot: { sections: ["second"] },
      },
    ]);
    const { rows: columns } = await pglite.query(
      `SELECT column_name FROM information_schema.columns
       WHERE table_name = 'AnnualReturn' AND column_name = 'snapshot'`,
    );
    expect(columns).toEqual([]);
  });
});
