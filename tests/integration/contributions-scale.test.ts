// The contributions import at its limit: 50,000 rows checked and imported in one go, in well
// under the page's patience (the page runs it as a job; the command waits for it), and a
// second import adds nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { seedWorld } from "../fixtures/returns";
import { dryRunContributions, importContributions } from "~/modules/contributions/import.server";
import { MAX_CONTRIBUTION_ROWS } from "~/modules/contributions/limits";
import { prisma } from "~/utils/db.server";

describe("contributions import at 50,000 rows", () => {
  beforeAll(async () => {
    await seedWorld();
  });

  it("checks, imports, and imports again without adding anything", async () => {
    const measures = await prisma.measure.findMany({ select: { code: true } });
    const zones = ["5339", "5340", "5341", "5342", "5343", "5344"];
    const lines = ["year;organisation;channel;measure;narrative"];
    for (let i = 0; i < MAX_CONTRIBUTION_ROWS; i++)
      lines.push(
        `${2021 + (i % 4)};${zones[i % 6]};FSE;${measures[i % measures.length]!.code};Action n° ${i}`,
      );
    const bytes = new TextEncoder().encode(lines.join("\n"));

    let started = performance.now();
    const dryRun = await dryRunContributions(bytes);
    const dryRunMs = performance.now() - started;
    expect(dryRun.errors).toEqual([]);
    expect(dryRun.newCount).toBe(MAX_CONTRIBUTION_ROWS);

    started = performance.now();
    const result = await importContributions(bytes, { fileName: "big.csv", actorUserId: null });
    const importMs = performance.now() - started;
    expect(result.newCount).toBe(MAX_CONTRIBUTION_ROWS);
    expect(await prisma.datasetEntry.count({ where: { importId: result.importId } })).toBe(
      MAX_CONTRIBUTION_ROWS,
    );
    console.info(`50k rows: dry run ${Math.round(dryRunMs)} ms, import ${Math.round(importMs)} ms`);
    expect(importMs).toBeLessThan(120_000);

    const again = await importContributions(bytes, { fileName: "big.csv", actorUserId: null });
    expect([again.newCount, again.knownCount]).toEqual([0, MAX_CONTRIBUTION_ROWS]);
  }, 600_000);
});
