// A freeze started from the page runs in the background of the web server (jobs/background
// .server.ts, job "report-edition-freeze"): an edition of the whole dataset (230k entries) takes
// half a minute on PostgreSQL and a minute on the embedded database (docs/benchmarks.md), more
// than a request should wait. The action waits a moment, so a small edition still leads straight
// to its page; a larger one leads to the freeze's page, which shows its progress and then links
// to the edition, and still says how it ended after a restart, or that it was interrupted (its
// transaction then wrote nothing).
import { freezeEdition, type FreezeProgress } from "./freeze.server";
import type { FreezeEditionInput } from "./schema";
import { watchedJobs } from "~/modules/jobs/background.server";

export interface FreezeJobState {
  id: string;
  /** busy: the dataset kept changing while the tables were counted; nothing was frozen. */
  state: "running" | "done" | "busy" | "failed" | "interrupted";
  title: string;
  progress: FreezeProgress | null;
  /** The edition, once frozen. */
  editionId: string | null;
  entryCount: number | null;
}

const jobs = watchedJobs<FreezeJobState>(
  "report-edition-freeze",
  (state) => (state.state = "failed"),
  (id, details, finished) => ({
    id,
    state: finished ? ((details.state as FreezeJobState["state"]) ?? "failed") : "interrupted",
    title: typeof details.title === "string" ? details.title : "",
    progress: null,
    editionId: typeof details.editionId === "string" ? details.editionId : null,
    entryCount: typeof details.entryCount === "number" ? details.entryCount : null,
  }),
);

/** Starts freezing an edition whose plan and period were checked (checkFreeze); its job's id. */
export function startFreezeJob(input: FreezeEditionInput, actorUserId: string): Promise<string> {
  return jobs.start(
    {
      title: input.title,
      planCode: input.planCode,
      fromYear: input.fromYear,
      toYear: input.toYear,
    },
    (id) => ({
      id,
      state: "running",
      title: input.title,
      progress: null,
      editionId: null,
      entryCount: null,
    }),
    async (state) => {
      const outcome = await freezeEdition(input, actorUserId, {
        onProgress: (progress) => (state.progress = progress),
      });
      if (outcome.outcome === "frozen")
        Object.assign(state, {
          state: "done",
          editionId: outcome.editionId,
          entryCount: outcome.entryCount,
        });
      // The plan and period were checked before the start: only a moving dataset is left.
      else state.state = outcome.outcome === "dataset-busy" ? "busy" : "failed";
    },
    (state) => ({ state: state.state, editionId: state.editionId, entryCount: state.entryCount }),
  );
}

/** A freeze's state: live while it runs in this process, then as recorded. */
export const freezeJobState = (id: string) => jobs.state(id);

/** Waits up to `timeoutMs` for a freeze of this process to end; its state then. */
export const waitForFreezeJob = (id: string, timeoutMs: number) => jobs.wait(id, timeoutMs);
