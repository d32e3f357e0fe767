// The contributions import at volume: thousands of rows checked and imported in one go, and a
// second import adds nothing. The suite runs 5,000 rows (a few seconds); the import's limit,
// 50,000 rows, is measured with CONTRIBUTIONS_SCALE_ROWS=50000 (docs/benchmarks.md): timings
// are a benchmark's business, not a test's.
import { beforeAll, describe, expect, it } from "vitest";
import { seedWorld } from "../fixtures/returns";
import { dryRunContributions, importContributions } from "~/modules/contributions/import.server";
import { MAX_CONTRIBUTION_ROWS } from "~/modules/contributions/limits";
import { prisma } from "~/utils/db.server";

const ROWS = Math.min(Number(process.env.CONTRIBUTIONS_SCALE_ROWS) || 5_000, MAX_CONTRIBUTION_ROWS);

describe(`contributions import at ${ROWS} rows`, () => {
  beforeAll(async () => {
    await seedWorld();
  });

  it("checks, imports, and imports again without adding anything", async () => {
    const measures = await prisma.measure.findMany({ select: { code: true } });
    const zones = ["5339", "5340", "5341", "5342", "5343", "5344"];
    const lines = ["year;organisation;channel;measure;narrative"];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `${2021 + (i % 4)};${zones[i % 6]};FSE;${measures[i % measures.length]!.code};Action n° ${i}`,
      );
    const bytes = new TextEncoder().encode(lines.join("\n"));

    let started = performance.now();
    const dryRun = await dryRunContributions(bytes);
    const dryRunMs = performance.now() - started;
    expect(dryRun.errors).toEqual([]);
    expect(dryRun.newCount).toBe(ROWS);

    started = performance.now();
    const result = await importContributions(bytes, { fileName: "big.csv", actorUserId: null });
    const importMs = performance.now() - started;
    expect(result.newCount).toBe(ROWS);
    expect(await prisma.datasetEntry.count({ where: { importId: result.importId } })).toBe(ROWS);
    console.info(
      `${ROWS} rows: dry run ${Math.round(dryRunMs)} ms, import ${Math.round(importMs)} ms`,
    );

    const again = await importContributions(bytes, { fileName: "big.csv", actorUserId: null });
    expect([again.newCount, again.knownCount]).toEqual([0, ROWS]);
  }, 600_000);
});
