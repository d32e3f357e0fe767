// The seed's steps, shared by `npm run db:seed` (index.ts) and the end-to-end server's database
// preparation (tests/fixtures/e2e-database.ts), which seeds and writes sessions in one process.
import { prisma } from "../../app/utils/db.server";
import { seedDemoSecondFactor } from "./demo-second-factor";
import { seedDemoHistory } from "./history";
import { seedDemo, seedReferenceData } from "./load";
import { seedActivityReportTemplate, seedDefaultTemplate, seedDemoCampaigns } from "./returns";
import { seedReviewDemo } from "./review-demo";

/**
 * Reference data (plan, partners, the default questionnaire and the call for projects' activity
 * report) and, with `demo`, the demo data.
 */
export async function seedDatabase({ demo }: { demo: boolean }) {
  await seedReferenceData(prisma);
  await seedDefaultTemplate();
  await seedActivityReportTemplate();
  if (demo) {
    await seedDemo(prisma);
    await seedDemoSecondFactor();
    const campaigns = await seedDemoCampaigns();
    await seedReviewDemo(campaigns);
    await seedDemoHistory();
  }
}
