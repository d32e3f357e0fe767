import { startOutboxWorker } from "../../emails/worker.server";
import { closeDatabase } from "./db.server";
import { env } from "./env.server";

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
