// Work a page starts and then watches (a contributions import, a report edition's freeze): it
// runs in the background of the web server, so it never meets a request timeout. Its live state
// (phase, progress) is kept in this process's memory while it runs; its start and its outcome
// are kept in JobRun (job name, the run's id as periodKey), so its page still says how it ended
// after a restart, or that it was interrupted if the server stopped meanwhile (the work's own
// transaction then wrote nothing).
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

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
  /** Waits up to `timeoutMs` for a run of this process to end; its state then. */
  wait(id: string, timeoutMs: number): Promise<S | null>;
}

/**
 * The watched jobs of one name. `recorded` rebuilds a state from the recorded details (the
 * start's merged with the outcome's) and whether the run finished.
 */
export function watchedJobs<S extends WatchedState>(
  job: string,
  failed: (state: S) => void,
  recorded: (id: string, details: Record<string, unknown>, finished: boolean) => S,
): WatchedJobs<S> {
  const running = new Map<string, S>();
  return {
    async start(details, initial, work, outcome) {
      const id = randomUUID();
      await prisma.jobRun.create({ data: { job, periodKey: id, details } });
      const state = initial(id);
      running.set(id, state);
      void (async () => {
        try {
          await work(state);
        } catch (error) {
          // The error's code and class only: messages may quote data.
          const e = error as { code?: string; name?: string };
          console.error(`${job} failed:`, e.code ?? e.name ?? "error");
          failed(state);
        }
        await prisma.jobRun
          .update({
            where: { job_periodKey: { job, periodKey: id } },
            data: { finishedAt: new Date(), details: { ...details, ...outcome(state) } },
          })
          .catch(() => undefined);
        running.delete(id);
      })();
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
      return recorded(id, (run.details ?? {}) as Record<string, unknown>, run.finishedAt !== null);
    },
    async wait(id, timeoutMs) {
      const until = Date.now() + timeoutMs;
      while (running.has(id) && Date.now() < until) await new Promise((r) => setTimeout(r, 25));
      return this.state(id);
    },
  };
}
