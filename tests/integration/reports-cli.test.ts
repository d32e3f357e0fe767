// `npm run report -- <table> …` as a person runs it: a child process (tsx scripts/report.ts) on
// a database of its own (a copy of the migrated PGlite folder, or this file's PostgreSQL
// database) with a few entries of 2071-2072 (reports-cli-world.ts). It prints the table the
// staff page shows, as text, CSV or JSON, in French or Dutch, its small counts hidden as the
// downloads and the API publish them unless --unsuppressed; bad arguments exit 2 with the
// reason and the usage.
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliWorkspace } from "../fixtures/cli-workspace";
import type { ReportTable } from "~/modules/reports/table-model";

const { root, onPostgres, env, prepareDatabase, remove } = cliWorkspace("report-cli-");

function run(script: string, args: string[] = []) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const report = (args: string[]) => run("scripts/report.ts", args);

beforeAll(async () => {
  await prepareDatabase();
  const world = await run("tests/integration/reports-cli-world.ts");
  if (world.code !== 0) throw new Error(world.stderr);
}, 180_000);

afterAll(remove);

describe(`npm run report (${onPostgres ? "PostgreSQL" : "PGlite folder"})`, () => {
  it("prints Tableau 1 for a period as JSON, the same table as the page", async () => {
    const result = await report([
      "measures-by-channel",
      "--from",
      "2071",
      "--to",
      "2072",
      "--format",
      "json",
    ]);
    expect(result.code).toBe(0);
    const table = JSON.parse(result.stdout) as ReportTable;
    expect(table).toMatchObject({ name: "measures-by-channel", period: { from: 2071, to: 2072 } });
    const theme1 = table.rows.find((r) => r.key === "1")!;
    expect(theme1.cells.zones).toMatchObject({ count: 2, drill: "1:zones" });
    expect(theme1.cells.communes).toMatchObject({ count: 1 });
    expect(table.rows.find((r) => r.key === "2")!.cells.communes).toMatchObject({ count: 1 });
    expect(table.total!.cells.zones!.count).toBe(2);
  }, 120_000);

  it("prints text in Dutch and CSV in French", async () => {
    const text = await report([
      "measures-by-channel",
      "--from",
      "2071",
      "--to",
      "2072",
      "--lang",
      "nl",
    ]);
    expect(text.code).toBe(0);
    const lines = text.stdout.split("\n");
    expect(lines[0]).toMatch(/^Aantal maatregelen per thema .*\(2071-2072\)$/);
    expect(text.stdout).toContain("Politiezones");
    expect(lines.find((line) => line.startsWith("Totaal"))).toMatch(
      /^Totaal\s+\d+\s+2\/\d+\s+2\/\d+/,
    );

    const csv = await report([
      "measures-by-channel",
      "--from",
      "2071",
      "--to",
      "2072",
      "--format",
      "csv",
    ]);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split("\r\n");
    expect(rows[0]!.split(";").slice(0, 3)).toEqual([
      "Thématiques du plan",
      "Mesures de la thématique",
      "Zones de police",
    ]);
    expect(rows.at(-1)!.split(";").slice(0, 1)).toEqual(["Total"]);
    expect(rows.at(-1)!.split(";")[2]).toBe("2");
  }, 120_000);

  it("hides small counts below the threshold, as published, unless --unsuppressed", async () => {
    const args = ["communes-measures", "--from", "2071", "--to", "2072", "--format", "csv"];
    const cellsOf = (stdout: string) =>
      stdout
        .trim()
        .split("\r\n")
        .slice(1)
        .map((row) => row.split(";").slice(1));
    const published = await report(args);
    expect(published.code).toBe(0);
    const hidden = cellsOf(published.stdout).flat();
    expect(hidden).toContain("< 3");
    expect(hidden).not.toContain("1");
    const real = await report([...args, "--unsuppressed"]);
    expect(real.code).toBe(0);
    expect(cellsOf(real.stdout).flat()).toContain("1");
    expect(real.stdout).not.toContain("< 3");
  }, 120_000);

  it("exits 2 with the reason and the usage on bad arguments", async () => {
    for (const args of [
      [],
      ["nope", "--from", "2071"],
      ["measures-by-channel"],
      ["measures-by-channel", "--from", "2072", "--to", "2071"],
      ["measures-by-channel", "--from", "2071", "--format", "pdf"],
      ["measures-by-channel", "--from", "2071", "--plan", "NO-SUCH-PLAN"],
      ["measures-by-channel", "--from", "2071", "--from", "2072"],
    ]) {
      const result = await report(args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(
        /\nUtilisation : npm run report -- <measures-by-channel\|.*\n.*--unsuppressed/,
      );
      expect(result.stdout).toBe("");
    }
    const repeated = await report(["measures-by-channel", "--from", "2071", "--from", "2072"]);
    expect(repeated.stderr.split("\n")[0]).toBe("L’option « --from » est donnée deux fois.");
    const dutch = await report([
      "measures-by-channel",
      "--from",
      "2071",
      "--plan",
      "NOPE",
      "--lang",
      "nl",
    ]);
    expect(dutch.stderr.split("\n").slice(0, 2)).toEqual([
      "Geen enkel plan heeft de code ‘NOPE’.",
      expect.stringMatching(/^Gebruik: npm run report -- </),
    ]);
  }, 180_000);
});
