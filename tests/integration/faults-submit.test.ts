// Fault test (quality.md 1): kill the process in the middle of a submission. A child process
// submits a filled return and is SIGKILLed at a chosen moment; the database is then reopened
// by a new process, which finds the return either submitted (with its snapshot, one audit
// row and one receipt email) or still a draft (with none of them), never half; a retry with
// the same submission key then ends with exactly one submission. On the embedded database
// (a real PGlite folder, reopened after the crash) and on PostgreSQL (TEST_DB_ENGINE=postgres).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const child = path.join(import.meta.dirname, "faults-submit.child.ts");
const onPostgres = process.env.TEST_DB_ENGINE === "postgres";
// Kill points as fractions of a measured, uninterrupted submission (after the child says
// "start", just before submitReturn): from "before the transaction" through "inside it" to
// "after the commit". Fixed, so a failure replays.
const KILL_AT = [0, 0.3, 0.6, 0.9, 1.2];

const pgliteDir = onPostgres ? null : mkdtempSync(path.join(tmpdir(), "faults-submit-"));
const childEnv: NodeJS.ProcessEnv = { ...process.env, OUTBOX_WORKER: "off" };
if (pgliteDir) {
  childEnv.PGLITE_DIR = pgliteDir;
  delete childEnv.DATABASE_URL;
}
// The child is a plain process, not a test: vitest's own variables stay out.
for (const key of Object.keys(childEnv)) if (key.startsWith("VITEST")) delete childEnv[key];

interface Run {
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs the child; with killAfterMs, SIGKILLs it that long after it printed "start"; with
 * killAfterAnswer, 200 ms after it printed its result (the submission has succeeded).
 */
function runChild(args: string[], killAfterMs?: number, killAfterAnswer = false): Promise<Run> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ["--import", "tsx", child, ...args], {
      cwd: root,
      env: killAfterAnswer ? { ...childEnv, FAULT_HOLD: "1" } : childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    proc.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (killAfterAnswer && stdout.includes('{"outcome"')) {
        killAfterAnswer = false;
        setTimeout(() => proc.kill("SIGKILL"), 200);
      }
      if (killAfterMs !== undefined && stdout.includes("start\n")) {
        const at = killAfterMs;
        killAfterMs = undefined;
        setTimeout(() => proc.kill("SIGKILL"), at);
      }
    });
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on("exit", (code, signal) =>
      resolve({ lines: stdout.trim().split("\n"), code, signal, stderr }),
    );
  });
}

const lastJson = <T>(run: Run): T => {
  if (run.code !== 0) throw new Error(`child failed (${run.code}):\n${run.stderr}`);
  return JSON.parse(run.lines[run.lines.length - 1]!) as T;
};

interface State {
  status: string;
  submittedAt: boolean;
  snapshot: boolean;
  submissionKey: string | null;
  audits: number;
  receipts: number;
}

/** All of a submission or none of it. */
function expectWholeOrNothing(state: State, key: string) {
  if (state.status === "SUBMITTED") {
    expect(state).toEqual({
      status: "SUBMITTED",
      submittedAt: true,
      snapshot: true,
      submissionKey: key,
      audits: 1,
      receipts: 1,
    });
  } else {
    expect(state).toMatchObject({
      submittedAt: false,
      snapshot: false,
      submissionKey: null,
      audits: 0,
      receipts: 0,
    });
  }
}

let prepared: { returnId: string; userId: string }[];
const results: string[] = [];

beforeAll(async () => {
  prepared = lastJson(await runChild(["prepare", String(KILL_AT.length + 2)]));
}, 180_000);

afterAll(() => {
  console.log(
    `kill mid-submit (${onPostgres ? "PostgreSQL" : "PGlite folder"}):\n  ${results.join("\n  ")}`,
  );
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

describe(`kill -9 during a submission (${onPostgres ? "PostgreSQL" : "embedded PGlite folder"})`, () => {
  it("after every kill: submitted or draft, never half; a retry makes exactly one submission", async () => {
    // One submission without a kill gives the time scale of the kill points.
    const spare = prepared[KILL_AT.length]!;
    const measured = lastJson<{ outcome: string; ms: number }>(
      await runChild(["submit", spare.returnId, spare.userId, "fault-key-measure-abcdefgh"]),
    );
    expect(measured.outcome).toBe("submitted");
    results.push(`an uninterrupted submission took ${Math.round(measured.ms)} ms`);
    // Killed 200 ms after answering "submitted": the submission must still be there.
    const held = prepared[KILL_AT.length + 1]!;
    const heldKey = "fault-key-held-abcdefghijkl";
    const answered = await runChild(
      ["submit", held.returnId, held.userId, heldKey],
      undefined,
      true,
    );
    expect(answered.signal).toBe("SIGKILL");
    expect(answered.lines.some((line) => line.includes('"outcome":"submitted"'))).toBe(true);
    const afterAnswer = lastJson<{ before: State }>(
      await runChild(["retry", held.returnId, held.userId, heldKey]),
    );
    expect(afterAnswer.before.status).toBe("SUBMITTED");
    expectWholeOrNothing(afterAnswer.before, heldKey);
    results.push("killed 200 ms after answering: found SUBMITTED (the answer was durable)");
    for (const [i, fraction] of KILL_AT.entries()) {
      const { returnId, userId } = prepared[i]!;
      const key = `fault-key-${i}-abcdefghijklmnop`;
      const delay = Math.round(fraction * measured.ms);
      const killed = await runChild(["submit", returnId, userId, key], delay);
      const finishedFirst = killed.signal !== "SIGKILL";
      const retry = lastJson<{ outcome: string; before: State; after: State }>(
        await runChild(["retry", returnId, userId, key]),
      );
      expectWholeOrNothing(retry.before, key);
      expect(["submitted", "already-submitted"]).toContain(retry.outcome);
      expectWholeOrNothing(retry.after, key);
      expect(retry.after.status).toBe("SUBMITTED");
      results.push(
        `kill after ${delay} ms: ${finishedFirst ? "child had finished" : "killed"}, found ${retry.before.status}, retry → ${retry.outcome}, one submission`,
      );
    }
  }, 300_000);
});
