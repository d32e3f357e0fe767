// `npm run reminders -- [--at 2024-03-25T09:00] [--dry-run] [--campaign <id>]` (app/reminders-cli.ts):
// shows and runs the reminders (and the weekly staff digest) due at a moment, read as Brussels
// wall-clock time (now by default). One line per message, then a total. Without --dry-run the
// messages are recorded and queued in the outbox exactly as the job runner would (a second run
// queues nothing); the worker delivers them. Links are never printed.
import { parseArgs } from "node:util";
import { atBrussels } from "~/modules/returns/deadlines";
import { runStaffDigest } from "./digest.server";
import { runReminders } from "./run.server";

/** "2024-03-25T09:00" as Brussels wall clock; an explicit offset or Z is taken as given. */
export function parseAt(value: string): Date | null {
  const local = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?$/.exec(value);
  if (local) {
    const date = atBrussels(local[1]!, local[2] ?? "00:00");
    return Number.isNaN(date.getTime()) ? null : date;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

/** Runs the command; `print` gets each output line. Returns the exit code. */
export async function remindersCommand(
  args: string[],
  print: (line: string) => void,
  printError: (line: string) => void,
) {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        at: { type: "string" },
        "dry-run": { type: "boolean", default: false },
        campaign: { type: "string" },
      },
    }));
  } catch {
    printError("usage: npm run reminders -- [--at 2024-03-25T09:00] [--dry-run] [--campaign <id>]");
    return 2;
  }
  const now = values.at ? parseAt(values.at) : new Date();
  if (!now) {
    printError("--at: expected a Brussels time like 2024-03-25T09:00");
    return 2;
  }
  const dryRun = values["dry-run"] ?? false;
  const report = await runReminders({ now, dryRun, campaignId: values.campaign });
  for (const line of report.lines) {
    const kind = `${line.kind}${line.escalate ? "+escalation" : ""}`;
    const status = line.status === "QUEUED" ? "" : ` (skipped: ${line.skipReason})`;
    print(
      `${line.day}  ${kind}  ${line.campaignYear}  ${line.organisationName}  ${line.recipient} [${line.language}]${status}`,
    );
  }
  const digest = values.campaign ? null : await runStaffDigest(now, { dryRun });
  if (digest?.due) print(`staff digest ${digest.week}: ${digest.queued} email(s)`);
  print(
    `Total: ${report.queued} reminder(s) ${dryRun ? "would be sent (dry run)" : "queued"}` +
      (report.skipped ? `, ${report.skipped} skipped` : "") +
      (digest?.due ? `, ${digest.queued} digest email(s)` : ""),
  );
  return 0;
}
