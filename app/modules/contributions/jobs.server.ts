// An import started from the page runs in the background of the web server, so a file of
// 50,000 rows never meets a request timeout: the page shows its state and refreshes itself
// until it is done. Its progress (phase, rows done) is kept in this process's memory; its
// start and its outcome are kept in JobRun (job "contribution-import"), so the page still says
// how it ended after a restart, or that it was interrupted if the server stopped meanwhile
// (the import's transaction then wrote nothing).
import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import {
  importContributions,
  type ContributionImportResult,
  type ImportPhase,
} from "./import.server";

const JOB = "contribution-import";

export interface ImportJobState {
  id: string;
  state: "running" | "done" | "failed" | "interrupted";
  phase: ImportPhase | null;
  done: number;
  total: number;
  fileName: string;
  result: ContributionImportResult | null;
}

const running = new Map<string, ImportJobState>();

/** Starts the import of a checked file; returns the job's id at once. */
export async function startImportJob(
  bytes: Uint8Array,
  options: { fileName: string; actorUserId: string },
): Promise<string> {
  const id = randomUUID();
  await prisma.jobRun.create({
    data: { job: JOB, periodKey: id, details: { fileName: options.fileName } },
  });
  const state: ImportJobState = {
    id,
    state: "running",
    phase: "reading",
    done: 0,
    total: 0,
    fileName: options.fileName,
    result: null,
  };
  running.set(id, state);
  void (async () => {
    try {
      state.result = await importContributions(bytes, {
        ...options,
        source: "web",
        onProgress: (phase, done, total) => Object.assign(state, { phase, done, total }),
      });
      state.state = "done";
    } catch (error) {
      // The error's code and class only: messages may quote data.
      const e = error as { code?: string; name?: string };
      console.error("contribution import failed:", e.code ?? e.name ?? "error");
      state.state = "failed";
    }
    await prisma.jobRun
      .update({
        where: { job_periodKey: { job: JOB, periodKey: id } },
        data: {
          finishedAt: new Date(),
          details: {
            fileName: options.fileName,
            state: state.state,
            result: state.result as unknown as Prisma.InputJsonValue,
          },
        },
      })
      .catch(() => undefined);
    running.delete(id);
  })();
  return id;
}

/** A job's state: live while it runs in this process, then as recorded. */
export async function importJobState(id: string): Promise<ImportJobState | null> {
  const live = running.get(id);
  if (live) return { ...live };
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  const run = await prisma.jobRun.findUnique({
    where: { job_periodKey: { job: JOB, periodKey: id } },
  });
  if (!run) return null;
  const details = (run.details ?? {}) as {
    fileName?: string;
    state?: ImportJobState["state"];
    result?: ContributionImportResult | null;
  };
  return {
    id,
    state: run.finishedAt ? (details.state ?? "failed") : "interrupted",
    phase: null,
    done: 0,
    total: 0,
    fileName: details.fileName ?? "",
    result: details.result ?? null,
  };
}

/** Waits for a job of this process to end (tests, the command line). */
export async function waitForImportJob(id: string, timeoutMs = 600_000) {
  const until = Date.now() + timeoutMs;
  while (running.has(id) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  return importJobState(id);
}
