// An import started from the page runs in the background of the web server (jobs/background
// .server.ts, job "contribution-import"), so a file of 50,000 rows never meets a request
// timeout: the page shows its state and refreshes itself until it is done, and still says how it
// ended after a restart, or that it was interrupted (the import's transaction then wrote nothing).
import type { Prisma } from "~/generated/prisma/client";
import { watchedJobs } from "~/modules/jobs/background.server";
import {
  importContributions,
  type ContributionImportResult,
  type ImportPhase,
} from "./import.server";

export interface ImportJobState {
  id: string;
  state: "running" | "done" | "failed" | "interrupted";
  phase: ImportPhase | null;
  done: number;
  total: number;
  fileName: string;
  result: ContributionImportResult | null;
}

/** A recorded outcome's state; anything else recorded reads as a failure. */
function recordedState(value: unknown): ImportJobState["state"] {
  return value === "done" || value === "failed" ? value : "failed";
}

const jobs = watchedJobs<ImportJobState>(
  "contribution-import",
  (state) => (state.state = "failed"),
  (id, details, status) => ({
    id,
    state: status === "finished" ? recordedState(details.state) : status,
    phase: null,
    done: 0,
    total: 0,
    fileName: typeof details.fileName === "string" ? details.fileName : "",
    result: (details.result as ContributionImportResult | undefined) ?? null,
  }),
);

/** Starts the import of a checked file; returns the job's id at once. */
export function startImportJob(
  bytes: Uint8Array,
  options: { fileName: string; actorUserId: string },
): Promise<string> {
  return jobs.start(
    { fileName: options.fileName },
    (id) => ({
      id,
      state: "running",
      phase: "reading",
      done: 0,
      total: 0,
      fileName: options.fileName,
      result: null,
    }),
    async (state) => {
      state.result = await importContributions(bytes, {
        ...options,
        source: "web",
        onProgress: (phase, done, total) => Object.assign(state, { phase, done, total }),
      });
      state.state = "done";
    },
    (state) => ({
      state: state.state,
      result: state.result as unknown as Prisma.InputJsonValue,
    }),
  );
}

/** A job's state: live while it runs in this process, then as recorded. */
export const importJobState = (id: string) => jobs.state(id);

/** Waits for a job of this process to end (tests, the page's first moments). */
export const waitForImportJob = (id: string, timeoutMs = 600_000) => jobs.wait(id, timeoutMs);
