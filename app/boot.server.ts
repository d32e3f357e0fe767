// The process's background work, started and stopped by the server entry. It wires modules
// together, so it sits at the top beside the entries, not in app/utils (which imports no module).
import { startOutboxWorker } from "~/modules/mail/worker.server";
import { closeDatabase } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const state = globalThis as unknown as { __stopWorker?: () => Promise<void> };

/** Starts the outbox worker once per process (unless OUTBOX_WORKER=off). */
export function startBackgroundWork() {
  if (!env.outboxWorker || state.__stopWorker) return;
  state.__stopWorker = startOutboxWorker();
}

export async function stopBackgroundWork() {
  await state.__stopWorker?.();
  state.__stopWorker = undefined;
  await closeDatabase();
}
