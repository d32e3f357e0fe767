// Fault test (quality.md 1): kill the process in the middle of a submission. A child process
// submits a filled return and is SIGKILLed at a chosen moment; the database is then reopened
// by a new process, which finds the return either submitted (with one frozen submission, one audit
// row and one receipt email) or still a draft (with none of them), never half; a retry with
// the same submission key then ends with exactly one submission. On the embedded database
// (a real PGlite folder, reopened after the crash) and on PostgreSQL (TEST_DB_ENGINE=postgres).
//
// Each child after the first starts by reopening the database the previous one was killed
// on, checks and retries that return, then submits the next one and is killed in its turn:
// seven processes for six kills, each kill still followed by a fresh process's recovery.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";

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

interface Prepared {
  returnId: string;
  userId: string;
}
type Target = Prepared & { key: string };
/** The child's steps (faults-submit.child.ts); `prepared: i` is the i-th return it prepared. */
type Step =
  | { prepare: number }
  | { submit: Target | { prepared: number; key: string } }
  | { retry: Target }
  | { hold: true };

interface State {
  status: string;
  submittedAt: boolean;
  submissions: number;
  submissionKey: string | null;
  audits: number;
  receipts: number;
}

/** What a child printed, one parsed JSON line per step it finished. */
interface Output {
  prepared?: Prepared[];
  submitted?: { outcome: string; ms: number };
  retried?: { outcome: string; before: State; after: State };
}

interface Run {
  outputs: Output[];
  stdout: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Runs the child on `steps`. With `kill`, SIGKILLs it `afterMs` after it printed
 * "start <key>" (just before submitting with that key), or, with `afterAnswer`, 200 ms
 * after that submission's answer (it has succeeded; a "hold" step keeps the child open).
 */
function runChild(
  steps: Step[],
  kill?: { key: string; afterMs?: number; afterAnswer?: boolean },
): Promise<Run> {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, ["--import", "tsx", child, JSON.stringify(steps)], {
      cwd: root,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let armed = kill;
    proc.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const started = stdout.indexOf(`start ${armed?.key}\n`);
      if (!armed || started === -1) return;
      if (armed.afterMs !== undefined) {
        setTimeout(() => proc.kill("SIGKILL"), armed.afterMs);
        armed = undefined;
      } else if (stdout.indexOf('{"submitted"', started) !== -1) {
        setTimeout(() => proc.kill("SIGKILL"), 200);
        armed = undefined;
      }
    });
    proc.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on("exit", (code, signal) =>
      resolve({
        outputs: stdout
          .split("\n")
          .filter((line) => line.startsWith("{"))
          .map((line) => JSON.parse(line) as Output),
        stdout,
        code,
        signal,
        stderr,
      }),
    );
  });
}

/** The child ran to its end, or was killed by the test: never a crash of its own. */
function expectNoCrash(run: Run) {
  if (run.signal === "SIGKILL") return;
  if (run.code !== 0) throw new Error(`child failed (${run.code}):\n${run.stderr}`);
}

const outputOf = <K extends keyof Output>(run: Run, key: K): NonNullable<Output[K]> => {
  const found = run.outputs.find((output) => output[key] !== undefined)?.[key];
  if (found === undefined)
    throw new Error(`child printed no ${key}:\n${run.stdout}\n${run.stderr}`);
  return found;
};

/** All of a submission or none of it. */
function expectWholeOrNothing(state: State, key: string) {
  if (state.status === "SUBMITTED") {
    expect(state).toEqual({
      status: "SUBMITTED",
      submittedAt: true,
      submissions: 1,
      submissionKey: key,
      audits: 1,
      receipts: 1,
    });
  } else {
    expect(state).toMatchObject({
      submittedAt: false,
      submissions: 0,
      submissionKey: null,
      audits: 0,
      receipts: 0,
    });
  }
}

const results: string[] = [];

// The folder starts as a copy of the run's migrated database (tests/setup/global-setup.ts),
// as each file's in-memory one does: the first child then skips PGlite's initdb and the
// migrations (about 9 s of CPU), which this test is not about. On PostgreSQL the file's
// database is already such a copy.
beforeAll(async () => {
  if (!pgliteDir) return;
  const pglite = new PGlite(pgliteDir, {
    loadDataDir: new Blob([readFileSync(inject("pgliteTemplate"))]),
  });
  await pglite.waitReady;
  await pglite.close();
});

afterAll(() => {
  console.log(
    `kill mid-submit (${onPostgres ? "PostgreSQL" : "PGlite folder"}):\n  ${results.join("\n  ")}`,
  );
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
});

describe(`kill -9 during a submission (${onPostgres ? "PostgreSQL" : "embedded PGlite folder"})`, () => {
  it("after every kill: submitted or draft, never half; a retry makes exactly one submission", async () => {
    // The first process prepares the returns, times one uninterrupted submission (the time
    // scale of the kill points), then submits another and is killed 200 ms after answering.
    const heldKey = "fault-key-held-abcdefghijkl";
    const first = await runChild(
      [
        { prepare: KILL_AT.length + 2 },
        { submit: { prepared: KILL_AT.length, key: "fault-key-measure-abcdefgh" } },
        { submit: { prepared: KILL_AT.length + 1, key: heldKey } },
        { hold: true },
      ],
      { key: heldKey, afterAnswer: true },
    );
    expectNoCrash(first);
    const prepared = outputOf(first, "prepared");
    const [measured, answered] = first.outputs.flatMap((output) => output.submitted ?? []);
    expect(measured?.outcome).toBe("submitted");
    results.push(`an uninterrupted submission took ${Math.round(measured!.ms)} ms`);
    expect(first.signal).toBe("SIGKILL");
    expect(answered?.outcome).toBe("submitted");

    // Each next process reopens the database the previous one was killed on, checks that
    // return and retries it with the same key, then submits the next return and is killed.
    let previous: Target = { ...prepared[KILL_AT.length + 1]!, key: heldKey };
    let killedAt: string | null = null;
    for (const [i, fraction] of [...KILL_AT.entries(), [KILL_AT.length, null] as const]) {
      const next: Target | null =
        fraction === null ? null : { ...prepared[i]!, key: `fault-key-${i}-abcdefghijklmnop` };
      const delay = fraction === null ? 0 : Math.round(fraction * measured!.ms);
      const run = await runChild(
        [{ retry: previous }, ...(next ? [{ submit: next }] : [])],
        next ? { key: next.key, afterMs: delay } : undefined,
      );
      expectNoCrash(run);
      const retry = outputOf(run, "retried");
      expectWholeOrNothing(retry.before, previous.key);
      expect(["submitted", "already-submitted"]).toContain(retry.outcome);
      expectWholeOrNothing(retry.after, previous.key);
      expect(retry.after.status).toBe("SUBMITTED");
      if (killedAt === null) {
        // Killed 200 ms after answering "submitted": the submission must still be there.
        expect(retry.before.status).toBe("SUBMITTED");
        results.push("killed 200 ms after answering: found SUBMITTED (the answer was durable)");
      } else {
        results.push(
          `${killedAt}, found ${retry.before.status}, retry → ${retry.outcome}, one submission`,
        );
      }
      if (next) {
        const finishedFirst = run.signal !== "SIGKILL";
        // A child that finished its submission before the kill answered it.
        if (finishedFirst) expect(outputOf(run, "submitted").outcome).toBe("submitted");
        killedAt = `kill after ${delay} ms: ${finishedFirst ? "child had finished" : "killed"}`;
        previous = next;
      }
    }
  }, 480_000);
});
