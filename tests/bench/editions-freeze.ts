// npx tsx tests/bench/editions-freeze.ts [--from YEAR --to YEAR] [--batch 2000]
// Freezes one report edition of the plan PGSP-2021-2024 over the database of the environment
// (DATABASE_URL, else PGLITE_DIR), which should hold the large dataset (npm run bench:generate),
// then streams its workbook (French) to nowhere, and prints the time each took, the entries
// frozen, the workbook's size and the process's peak RSS during each. Adds an edition (editions are never
// removed): run it on a bench database only.
import { parseArgs } from "node:util";
import { findEdition } from "~/modules/editions/editions.server";
import { editionYears, freezeEdition } from "~/modules/editions/freeze.server";
import { editionXlsxStream } from "~/modules/editions/xlsx.server";
import { closeDatabase, databaseEngine, prisma } from "~/utils/db.server";

const { values } = parseArgs({
  options: {
    // Default: every year an edition of the plan may cover (its own and its entries').
    from: { type: "string" },
    to: { type: "string" },
    batch: { type: "string" },
  },
});

try {
  const admin = await prisma.user.findFirstOrThrow({ where: { email: "admin@example.org" } });
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const plan = await prisma.plan.findUniqueOrThrow({ where: { code: "PGSP-2021-2024" } });
  const years = await editionYears(plan);
  const started = performance.now();
  const frozen = await freezeEdition(
    {
      title: `Bench ${new Date().toISOString()}`,
      planCode: "PGSP-2021-2024",
      fromYear: values.from ? Number(values.from) : years.from,
      toYear: values.to ? Number(values.to) : years.to,
    },
    admin.id,
    values.batch ? { batchSize: Number(values.batch) } : {},
  );
  const elapsed = performance.now() - started;
  const freezePeak = Math.max(peak, process.memoryUsage().rss);
  if (frozen.outcome !== "frozen") throw new Error(`Not frozen: ${frozen.outcome}`);

  // The workbook's own peak, from where the process stands after the freeze.
  const xlsxBefore = process.memoryUsage().rss;
  peak = xlsxBefore;
  const xlsxStarted = performance.now();
  const edition = (await findEdition(frozen.editionId))!;
  const reader = editionXlsxStream(edition, "fr").getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
  }
  const xlsxElapsed = performance.now() - xlsxStarted;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const seconds = (ms: number) => Math.round(ms / 100) / 10;
  console.log(
    JSON.stringify({
      engine: databaseEngine,
      entries: frozen.entryCount,
      freezeSeconds: seconds(elapsed),
      freezePeakRssMb: Math.round(freezePeak / 2 ** 20),
      xlsxSeconds: seconds(xlsxElapsed),
      xlsxMb: Math.round(bytes / 2 ** 20),
      xlsxRssBeforeMb: Math.round(xlsxBefore / 2 ** 20),
      xlsxPeakRssMb: Math.round(peak / 2 ** 20),
    }),
  );
} finally {
  await closeDatabase();
}
