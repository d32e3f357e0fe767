// npm run db:seed [-- --demo]
// Applies migrations, loads the reference data (plan, partners) and, outside production or
// when asked with --demo / SEED_DEMO=1, the demo fundings, contacts and staff accounts.
import { databaseConfigFromEnv, openDatabase } from "../../app/utils/db/engine.server";
import { seedDemo, seedReferenceData } from "./load";

const wantsDemo =
  process.argv.includes("--demo") ||
  process.env.SEED_DEMO === "1" ||
  process.env.NODE_ENV !== "production";

const database = await openDatabase(databaseConfigFromEnv());
try {
  await seedReferenceData(database.prisma);
  if (wantsDemo) await seedDemo(database.prisma);
  const [measures, organisations, fundings, users] = await Promise.all([
    database.prisma.measure.count(),
    database.prisma.organisation.count(),
    database.prisma.funding.count(),
    database.prisma.user.count(),
  ]);
  console.log(
    `Seed done (${database.engine}): ${measures} measures, ${organisations} organisations, ` +
      `${fundings} fundings, ${users} users${wantsDemo ? " (demo)" : ""}.`,
  );
} finally {
  await database.close();
}
