// npm run bench:generate [-- --years 10 --partners 2000]
// Adds the large benchmark dataset (tests/bench/large-dataset.ts) to the database of the
// environment (DATABASE_URL, else the PGlite folder PGLITE_DIR, default .data/pglite), which must
// hold the seed with its demo data (npm run db:seed -- --demo). Refuses to run twice on one
// database. Not for production: it adds ~2,000 made-up partners.
import { parseArgs } from "node:util";
import { databaseConfigFromEnv, openDatabase } from "../app/utils/db/engine.server";
import { generateLargeDataset } from "../tests/bench/large-dataset";

const { values } = parseArgs({
  options: { years: { type: "string" }, partners: { type: "string" } },
});
const positive = (value: string | undefined, fallback: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`Not a positive whole number: ${value}`);
  return n;
};

if (process.env.NODE_ENV === "production" && process.env.BENCH_GENERATE_ANYWAY !== "1") {
  throw new Error("Refusing to add made-up partners with NODE_ENV=production.");
}
const database = await openDatabase(databaseConfigFromEnv());
try {
  const summary = await generateLargeDataset(database.prisma, {
    years: positive(values.years, 10),
    partners: positive(values.partners, 2000),
    log: (line) => console.log(`bench:generate: ${line}`),
  });
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await database.close();
}
