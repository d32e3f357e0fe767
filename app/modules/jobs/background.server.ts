// Work a page starts and then watches (a contributions import, a report edition's freeze): it
// runs in the background of the web server, so it never meets a request timeout. Its live state
// (phase, progress) is kept in this process's memory while it runs; its start and its outcome
// are kept in JobRun (job name, the run's id as periodKey), so its page still says how it ended
// after a restart, or that it was interrupted if the server stopped meanwhile (the work's own
// transaction then wrote nothing). While it runs, the process records a heartbeat every
// HEARTBEAT_MS: another process of the app (several behind one address) reads a run without an
// outcome as still running while its heartbeat is fresh, and as interrupted once it is not.
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

/** How often a running job says it is still running. */
const HEARTBEAT_MS = 15_000;
/** A run without an outcome whose heartbeat is older than this was interrupted. */
const STALE_MS = 4 * HEARTBEAT_MS;
/** Tries at recording a run's outcome. */
const OUTCOME_TRIES = 3;

/** Where a recorded run stands. */
export type RecordedStatus = "finished" | "running" | "interrupted";

/** What every watched job's state carries. */
export interface WatchedState {
  id: string;
  state: string;
}

export interface WatchedJobs<S extends WatchedState> {
  /**
   * Records the start and runs `work` in the background on the live state, which the work
   * updates; `outcome` is what is recorded once it ends. Returns the run's id at once.
   */
  start(
    details: Prisma.InputJsonObject,
    initial: (id: string) => S,
    work: (state: S) => Promise<void>,
    outcome: (state: S) => Prisma.InputJsonObject,
  ): Promise<string>;
  /** A run's state: live while it runs in this process, then as recorded (null: no such run). */
  state(id: string): Promise<S | null>;
  /** A run of this process whose live state matches. */
  find(match: (state: S) => boolean): S | null;
  /** Waits up to `timeoutMs` for a run of this process to end; its state then. */
  wait(id: string, timeoutMs: number): Promise<S | null>;
}

/**
 * The watched jobs of one name. `recorded` rebuilds a state from the recorded details (the
 * start's merged with the outcome's) and where the run stands.
 */
export function watchedJobs<S extends WatchedState>(
  job: string,
  failed: (state: S) => void,
  recorded: (id: string, details: Record<string, unknown>, status: RecordedStatus) => S,
): WatchedJobs<S> {
  const running = new Map<string, S>();
  /** Settles when a run of this process has ended and its outcome is recorded. */
  const endings = new Map<string, Promise<void>>();
  return {
    async start(details, initial, work, outcome) {
      const id = randomUUID();
      // Known to this process at once (find), before the first wait.
      const state = initial(id);
      running.set(id, state);
      try {
        await prisma.jobRun.create({ data: { job, periodKey: id, details } });
      } catch (error) {
        running.delete(id);
        throw error;
      }
      const where = { job_periodKey: { job, periodKey: id } };
      // One heartbeat after the other, all done before the outcome is written over them.
      let beating: Promise<unknown> = Promise.resolve();
      const heartbeat = setInterval(() => {
        beating = beating.then(() =>
          prisma.jobRun
            .update({
              where,
              data: { details: { ...details, heartbeatAt: new Date().toISOString() } },
            })
            .catch(() => undefined),
        );
      }, HEARTBEAT_MS);
      heartbeat.unref();
      const ending = (async () => {
        try {
          await work(state);
        } catch (error) {
          // The error's code and class only: messages may quote data.
          const e = error as { code?: string; name?: string };
          console.error(`${job} failed:`, e.code ?? e.name ?? "error");
          failed(state);
        }
        clearInterval(heartbeat);
        await beating;
        // The outcome is what the page says once this process no longer holds the run: a
        // passing failure to record it is tried again, a lasting one logged.
        for (let attempt = 1; ; attempt++) {
          try {
            await prisma.jobRun.update({
              where,
              data: { finishedAt: new Date(), details: { ...details, ...outcome(state) } },
            });
            break;
          } catch (error) {
            const e = error as { code?: string; name?: string };
            if (attempt >= OUTCOME_TRIES) {
              console.error(
                `${job} ${id}: its outcome was not recorded:`,
                e.code ?? e.name ?? "error",
              );
              break;
            }
            await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
          }
        }
        running.delete(id);
        endings.delete(id);
      })();
      endings.set(id, ending);
      return id;
    },
    async state(id) {
      const live = running.get(id);
      if (live) return { ...live };
      if (!/^[0-9a-f-]{36}$/.test(id)) return null;
      const run = await prisma.jobRun.findUnique({
        where: { job_periodKey: { job, periodKey: id } },
      });
      if (!run) return null;
      const details = (run.details ?? {}) as Record<string, unknown>;
      if (run.finishedAt) return recorded(id, details, "finished");
      const beat = typeof details.heartbeatAt === "string" ? Date.parse(details.heartbeatAt) : NaN;
      const alive = Math.max(run.startedAt.getTime(), Number.isNaN(beat) ? 0 : beat);
      return recorded(id, details, Date.now() - alive < STALE_MS ? "running" : "interrupted");
    },
    find(match) {
      for (const state of running.values()) if (match(state)) return { ...state };
      return null;
    },
    async wait(id, timeoutMs) {
      const ending = endings.get(id);
      if (ending) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([ending, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
        clearTimeout(timer);
      }
      return this.state(id);
    },
  };
}
