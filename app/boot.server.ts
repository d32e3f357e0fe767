// The process's background work, started and stopped by the server entry. It wires modules
// together (the job runner knows nothing about reminders), so it sits at the top beside the
// entries, not in app/utils (which imports no module). `npm run worker` runs the same tasks in
// their own process (app/worker-cli.ts).
import { runDueTasks, startJobRunner, type Task } from "~/modules/jobs/runner.server";
import { deliverDueEmails, transportFromEnv } from "~/modules/mail/worker.server";
import type { EmailTransport } from "~/modules/mail/transport.server";
import { runStaffDigest } from "~/modules/reminders/digest.server";
import { runReminders } from "~/modules/reminders/run.server";
import { closeDatabase } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const MINUTE = 60_000;

/**
 * Reminders every minute, the weekly digest checked every minute, the outbox as configured.
 * REMINDERS=off keeps only the outbox (test servers whose SMTP sink must hold their own emails).
 */
export function backgroundTasks(transport: EmailTransport): Task[] {
  const outbox: Task = {
    name: "outbox",
    everyMs: env.outboxPollMs,
    run: () => deliverDueEmails(transport),
  };
  if (process.env.REMINDERS === "off") return [outbox];
  return [
    { name: "reminders", everyMs: MINUTE, run: (now) => runReminders({ now }) },
    { name: "staff-digest", everyMs: MINUTE, run: (now) => runStaffDigest(now) },
    outbox,
  ];
}

/** Everything due at `now`, once: reminders, the digest, then one outbox batch. */
export async function runDueJobs(now: Date, transport: EmailTransport = transportFromEnv()) {
  try {
    return await runDueTasks(backgroundTasks(transport), now);
  } finally {
    transport.close();
  }
}

/** In the web process unless JOBS_WORKER=off (or OUTBOX_WORKER=off): `npm run worker` then. */
export function jobsInThisProcess() {
  return env.outboxWorker && process.env.JOBS_WORKER !== "off";
}

const state = globalThis as unknown as { __stopWorker?: () => Promise<void> };

/** Starts the job runner once per process (unless disabled, see above). */
export function startBackgroundWork(options: { force?: boolean } = {}) {
  if ((!options.force && !jobsInThisProcess()) || state.__stopWorker) return;
  const transport = transportFromEnv();
  state.__stopWorker = startJobRunner(backgroundTasks(transport), {
    onStop: () => transport.close(),
  });
}

export async function stopBackgroundWork() {
  await state.__stopWorker?.();
  state.__stopWorker = undefined;
  await closeDatabase();
}
