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
import { prisma } from "~/utils/db.server";

export interface FreezeJobState {
  id: string;
  /** busy: the dataset kept changing while the tables were counted; nothing was frozen. */
  state: "running" | "done" | "busy" | "failed" | "interrupted";
  title: string;
  planCode: string;
  progress: FreezeProgress | null;
  /** The edition, once frozen. */
  editionId: string | null;
  entryCount: number | null;
}

/** A recorded outcome's state; anything else recorded reads as a failure. */
function recordedState(value: unknown): FreezeJobState["state"] {
  return value === "done" || value === "busy" || value === "failed" ? value : "failed";
}

const jobs = watchedJobs<FreezeJobState>(
  "report-edition-freeze",
  (state) => (state.state = "failed"),
  (id, details, status) => ({
    id,
    state: status === "finished" ? recordedState(details.state) : status,
    title: typeof details.title === "string" ? details.title : "",
    planCode: typeof details.planCode === "string" ? details.planCode : "",
    progress: null,
    editionId: typeof details.editionId === "string" ? details.editionId : null,
    entryCount: typeof details.entryCount === "number" ? details.entryCount : null,
  }),
);

/** How long an edition sent again (a second click, a form sent twice) leads to itself. */
const RESENT_WITHIN_MS = 10 * 60_000;

export type FreezeStart =
  | { outcome: "started"; job: string }
  /** The same freeze is running: its job. */
  | { outcome: "running"; job: string }
  /** The same edition was frozen moments ago by the same person: it. */
  | { outcome: "frozen"; editionId: string }
  /** Another edition of the plan has this title. */
  | { outcome: "title-taken" };

/**
 * Starts freezing an edition whose plan and period were checked (checkFreeze), unless it is
 * already frozen or being frozen: titles are unique within a plan (case aside), and a form
 * sent twice freezes once.
 */
export async function startFreezeJob(
  input: FreezeEditionInput,
  actorUserId: string,
): Promise<FreezeStart> {
  const sameTitle = (title: string) => title.toLowerCase() === input.title.toLowerCase();
  const existing = await prisma.reportEdition.findFirst({
    where: { plan: { code: input.planCode }, title: { equals: input.title, mode: "insensitive" } },
    select: { id: true, fromYear: true, toYear: true, frozenById: true, frozenAt: true },
  });
  if (existing) {
    const resent =
      existing.frozenById === actorUserId &&
      existing.fromYear === input.fromYear &&
      existing.toYear === input.toYear &&
      Date.now() - existing.frozenAt.getTime() < RESENT_WITHIN_MS;
    return resent ? { outcome: "frozen", editionId: existing.id } : { outcome: "title-taken" };
  }
  // No wait between this look and the start: a second form is told of the first.
  const running = jobs.find(
    (state) =>
      state.state === "running" && state.planCode === input.planCode && sameTitle(state.title),
  );
  if (running) return { outcome: "running", job: running.id };
  const job = await jobs.start(
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
      planCode: input.planCode,
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
  return { outcome: "started", job };
}

/** A freeze's state: live while it runs in this process, then as recorded. */
export const freezeJobState = (id: string) => jobs.state(id);

/** Waits up to `timeoutMs` for a freeze of this process to end; its state then. */
export const waitForFreezeJob = (id: string, timeoutMs: number) => jobs.wait(id, timeoutMs);
