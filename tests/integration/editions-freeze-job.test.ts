// Freezing an edition in the background (editions/freeze-job.server.ts) and its page
// (routes/staff/report-edition-freeze-job.tsx), against a real database, PGlite and PostgreSQL:
// the page shows the freeze running, then done with its edition; the freeze reports where it
// stands (the tables, then the entries up to their count); its outcome is recorded, so the page
// still says how it ended once the process no longer holds it, and that a freeze the server
// never finished was interrupted. Administrators only; an unknown freeze is a 404.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  cookieOf,
  currentEntryIds,
  PLAN_CODE,
  settled,
  setUpEditionsWorld,
  statusOf,
} from "../fixtures/editions-world";
import {
  freezeJobState,
  startFreezeJob,
  waitForFreezeJob,
} from "~/modules/editions/freeze-job.server";
import { freezeEdition, type FreezeProgress } from "~/modules/editions/freeze.server";
import { loader } from "~/routes/staff/report-edition-freeze-job";
import { prisma } from "~/utils/db.server";

const w = setUpEditionsWorld();

async function jobPage(userId: string, job: string) {
  const request = new Request(`http://localhost/fr/staff/reports/editions/freeze/${job}`, {
    headers: { cookie: await cookieOf(userId) },
  });
  return settled(() => loader({ request, params: { lang: "fr", job }, context: {} } as never));
}

const tenMinutesAgo = () => new Date(Date.now() - 10 * 60_000);

/** A freeze as another process (or an earlier one) recorded it; its id. */
async function recordedFreeze(fields: {
  startedAt?: Date;
  finishedAt?: Date;
  details: Record<string, string>;
}) {
  const periodKey = randomUUID();
  await prisma.jobRun.create({ data: { job: "report-edition-freeze", periodKey, ...fields } });
  return periodKey;
}

/** Starts a freeze that must start; its job's id. */
async function started(freeze: typeof input, userId = w.admin.id) {
  const start = await startFreezeJob(freeze, userId);
  if (start.outcome !== "started") throw new Error(start.outcome);
  return start.job;
}

const input = {
  title: "Rapport en arrière-plan",
  planCode: PLAN_CODE,
  fromYear: 2021,
  toYear: 2022,
};

describe("a freeze in the background", () => {
  it("is shown running, then done with its edition, and recorded", async () => {
    const ids = await currentEntryIds(2021, 2022);
    const job = await started(input);
    const first = await jobPage(w.admin.id, job);
    expect(first).toMatchObject({
      ok: true,
      value: { job: { id: job, state: "running", title: input.title, editionId: null } },
    });

    const ended = await waitForFreezeJob(job, 60_000);
    expect(ended).toMatchObject({ state: "done", entryCount: ids.length });
    const edition = await prisma.reportEdition.findUniqueOrThrow({
      where: { id: ended!.editionId! },
    });
    expect(edition).toMatchObject({ title: input.title, entryCount: ids.length });
    const shown = await jobPage(w.admin.id, job);
    expect(shown).toMatchObject({
      ok: true,
      value: { job: { state: "done", editionId: edition.id, entryCount: ids.length } },
    });

    // Recorded: what the page reads once the process no longer holds the freeze.
    const run = await prisma.jobRun.findUniqueOrThrow({
      where: { job_periodKey: { job: "report-edition-freeze", periodKey: job } },
    });
    expect(run.finishedAt).not.toBeNull();
    expect(run.details).toMatchObject({
      title: input.title,
      planCode: PLAN_CODE,
      state: "done",
      editionId: edition.id,
      entryCount: ids.length,
    });
  });

  it("reports the tables, then the entries up to their count", async () => {
    const seen: FreezeProgress[] = [];
    const frozen = await freezeEdition({ ...input, title: "Par étapes" }, w.admin.id, {
      batchSize: 2,
      onProgress: (progress) => seen.push({ ...progress }),
    });
    if (frozen.outcome !== "frozen") throw new Error(frozen.outcome);
    expect(seen[0]).toEqual({ phase: "tables" });
    const entries = seen.filter((p) => p.phase === "entries");
    expect(entries.length).toBeGreaterThan(1);
    const done = entries.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(entries.at(-1)).toEqual({
      phase: "entries",
      done: frozen.entryCount,
      total: frozen.entryCount,
    });
  });

  it("says a freeze the server never finished was interrupted", async () => {
    // Started a while ago, no heartbeat since: its server stopped.
    const job = await recordedFreeze({ startedAt: tenMinutesAgo(), details: { title: "Coupé" } });
    expect(await freezeJobState(job)).toMatchObject({
      state: "interrupted",
      title: "Coupé",
      editionId: null,
    });
  });

  it("is a 404 for a reviewer, an unknown freeze and an import's id", async () => {
    const job = await started({ ...input, title: "Réservé" });
    await waitForFreezeJob(job, 60_000);
    const denied = await jobPage(w.reviewer.id, job);
    expect(statusOf((denied as { error: unknown }).error)).toBe(404);
    for (const other of [randomUUID(), "pas-un-identifiant"]) {
      const unknown = await jobPage(w.admin.id, other);
      expect(statusOf((unknown as { error: unknown }).error)).toBe(404);
    }
    const importRun = randomUUID();
    await prisma.jobRun.create({
      data: { job: "contribution-import", periodKey: importRun, details: {} },
    });
    const notAFreeze = await jobPage(w.admin.id, importRun);
    expect(statusOf((notAFreeze as { error: unknown }).error)).toBe(404);
  });

  it("gives the event loop its turns while it freezes (the embedded database never would)", async () => {
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    try {
      const frozen = await freezeEdition({ ...input, title: "Tour par tour" }, w.admin.id, {
        batchSize: 1,
      });
      expect(frozen.outcome).toBe("frozen");
    } finally {
      clearInterval(timer);
    }
    expect(turns).toBeGreaterThan(0);
  });

  it("freezes once when the form is sent twice, and keeps titles unique within a plan", async () => {
    const freeze = { ...input, title: "Envoyé deux fois" };
    const [first, second] = await Promise.all([
      startFreezeJob(freeze, w.admin.id),
      startFreezeJob({ ...freeze, title: "ENVOYÉ DEUX FOIS" }, w.admin.id),
    ]);
    expect(first.outcome).toBe("started");
    expect(second).toEqual({ outcome: "running", job: (first as { job: string }).job });
    const ended = await waitForFreezeJob((first as { job: string }).job, 60_000);
    expect(ended?.state).toBe("done");
    // Sent again once frozen: the edition itself.
    expect(await startFreezeJob(freeze, w.admin.id)).toEqual({
      outcome: "frozen",
      editionId: ended!.editionId,
    });
    // The same title for another period, or by someone else: taken.
    expect(await startFreezeJob({ ...freeze, fromYear: 2022 }, w.admin.id)).toEqual({
      outcome: "title-taken",
    });
    const otherAdmin = await prisma.user.create({
      data: {
        email: `admin-${randomUUID()}@example.org`,
        displayName: "Autre",
        staffRole: "ADMIN",
      },
    });
    expect(await startFreezeJob(freeze, otherAdmin.id)).toEqual({ outcome: "title-taken" });
    expect(await prisma.reportEdition.count({ where: { title: freeze.title } })).toBe(1);
  });

  it("reads a freeze another process is running as running while its heartbeat is fresh", async () => {
    const fresh = await recordedFreeze({
      startedAt: tenMinutesAgo(),
      details: { title: "Ailleurs", heartbeatAt: new Date().toISOString() },
    });
    expect(await freezeJobState(fresh)).toMatchObject({ state: "running", progress: null });
    const stale = await recordedFreeze({
      startedAt: tenMinutesAgo(),
      details: { title: "Arrêté", heartbeatAt: new Date(Date.now() - 5 * 60_000).toISOString() },
    });
    expect(await freezeJobState(stale)).toMatchObject({ state: "interrupted" });
    // An outcome it does not know (a row changed by hand): a failure, not a broken page.
    const odd = await recordedFreeze({
      finishedAt: new Date(),
      details: { title: "Bizarre", state: "weird" },
    });
    expect(await freezeJobState(odd)).toMatchObject({ state: "failed" });
  });
});
