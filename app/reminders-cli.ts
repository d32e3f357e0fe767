// `npm run reminders -- [--at 2024-03-25T09:00] [--dry-run] [--campaign <id>]`: see
// app/modules/reminders/command.server.ts and README "Operations".
import { remindersCommand } from "~/modules/reminders/command.server";
import { closeDatabase } from "~/utils/db.server";

const code = await remindersCommand(
  process.argv.slice(2),
  (line) => console.log(line),
  (line) => console.error(line),
).finally(() => closeDatabase());
process.exit(code);
