// npm run db:seed [-- --demo]
// Applies migrations, loads the reference data (plan, partners, default questionnaire) and,
// outside production or when asked with --demo / SEED_DEMO=1, the demo fundings, contacts,
// staff accounts and campaigns.
import { closeDatabase, databaseEngine, prisma } from "../../app/utils/db.server";
import { seedDatabase } from "./seed";

const wantsDemo =
  process.argv.includes("--demo") ||
  process.env.SEED_DEMO === "1" ||
  process.env.NODE_ENV !== "production";

try {
  await seedDatabase({ demo: wantsDemo });
  const [measures, organisations, fundings, users, returns] = await Promise.all([
    prisma.measure.count(),
    prisma.organisation.count(),
    prisma.funding.count(),
    prisma.user.count(),
    prisma.annualReturn.count(),
  ]);
  console.log(
    `Seed done (${databaseEngine}): ${measures} measures, ${organisations} organisations, ` +
      `${fundings} fundings, ${users} users, ${returns} returns${wantsDemo ? " (demo)" : ""}.`,
  );
} finally {
  await closeDatabase();
}
