// Runs the outbox worker as its own process (when the web server runs with OUTBOX_WORKER=off).
import { closeDatabase } from "~/utils/db.server";
import { startOutboxWorker } from "./worker.server";

const stop = startOutboxWorker();
console.log("outbox worker running");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await stop();
    await closeDatabase();
    process.exit(0);
  });
}
