// npm run screening:rescan: scans every dataset entry with today's screening rules and writes
// the personal-data findings it lacks (app/modules/screening/rescan.server.ts). Idempotent. On
// the embedded database, stop the server first (one process per data folder).
import { rescanDataset } from "../app/modules/screening/rescan.server";
import { closeDatabase } from "../app/utils/db.server";

let code = 0;
try {
  const { entries, added } = await rescanDataset();
  console.log(`${entries} entries scanned, ${added} findings added (OPEN, masked until decided).`);
} catch (error) {
  console.error(`Rescan failed: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await closeDatabase();
}
process.exit(code);
