// Run in a child process by reports-cli.test.ts (tsx, on the command's own database): the
// seeded plan and a few dataset entries of 2071-2072, so `npm run report` has figures to print,
// and a small-count threshold, so it has counts to hide.
import { addEntries } from "../fixtures/dataset-entries";
import { createOrganisation } from "../fixtures/factories";
import { seedReferenceData } from "../../prisma/seed/load";
import { SMALL_COUNT_SETTING } from "~/modules/reports/settings.server";
import { closeDatabase, prisma } from "~/utils/db.server";

await seedReferenceData(prisma);
const zone = await createOrganisation("POLICE_ZONE");
const commune = await createOrganisation("COMMUNE");
await addEntries([
  { organisation: zone, channel: "FSE", year: 2071, measureCode: "1.1" },
  { organisation: zone, channel: "FSE", year: 2072, measureCode: "1.2" },
  { organisation: commune, channel: "PBPP", year: 2071, measureCode: "1.1" },
  { organisation: commune, channel: "LISA", year: 2072, measureCode: "2.1" },
  { organisation: zone, channel: "FSE", year: 2073, measureCode: "1.3" },
]);
// The administrators' small-count threshold: project counts below 3 are hidden when published.
await prisma.setting.create({ data: { key: SMALL_COUNT_SETTING, value: 3 } });
await closeDatabase();
