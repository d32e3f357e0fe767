// npm run report -- <table> --from YEAR [--to YEAR] [--format table|csv|json] [--lang fr|nl]
// [--plan CODE] [--unsuppressed]: prints a report table as published, or with its real counts
// (app/modules/reports/cli.ts). Bad arguments exit 2 before the database is opened.
import { reportCommandState, runReportCommand } from "../app/modules/reports/cli";

const code = await runReportCommand(process.argv.slice(2));
if (reportCommandState.databaseOpened) {
  const { closeDatabase } = await import("../app/utils/db.server");
  await closeDatabase();
}
process.exit(code);
