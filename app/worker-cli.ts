// `npm run worker`: the job runner (reminders, weekly digest, outbox) as its own process, for
// deployments that run the web server with JOBS_WORKER=off (PostgreSQL: the embedded database
// folder is opened by one process at a time).
import { startBackgroundWork, stopBackgroundWork } from "./boot.server";

startBackgroundWork({ force: true });
console.log("job runner running: reminders, staff digest, outbox");
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    await stopBackgroundWork();
    process.exit(0);
  });
}
