// `npm run import -- contributions FILE` as a person runs it: a child process (tsx
// scripts/import.ts) on a database of its own (a copy of the migrated PGlite folder, or this
// file's PostgreSQL database) holding the plan and the partners. A dry run prints every row
// problem with its line and column and exits 1; a clean file's dry run writes nothing (one
// row's totals in the singular); the import writes, recorded as made by --as; again adds
// nothing; wrong usage exits 2. Each test starts several child processes (seconds each on a
// busy machine): generous timeouts.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliWorkspace } from "../fixtures/cli-workspace";

const { root, onPostgres, work, env, prepareDatabase, remove } = cliWorkspace("contributions-cli-");

/** The exit code, the lines of stdout (the result) and of stderr (what is wrong). */
function node(args: string[]): Promise<{ code: number | null; lines: string[]; errors: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], { cwd: root, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (code) => {
      if (code !== 0 && code !== 1 && code !== 2) console.warn(stderr);
      const errors = stderr.trim() === "" ? [] : stderr.trim().split("\n");
      resolve({ code, lines: stdout.trim().split("\n"), errors });
    });
  });
}
const run = (args: string[]) => node(["scripts/import.ts", "contributions", ...args]);

/** A script of the child's own, counting what the import wrote. */
const query = (expression: string) =>
  node([
    "--input-type=module",
    "-e",
    `const { prisma, closeDatabase } = await import("./app/utils/db.server.ts");
     console.log(JSON.stringify(await (${expression})));
     await closeDatabase();`,
  ]).then((r) => JSON.parse(r.lines.at(-1)!) as unknown);

const file = (name: string, text: string) => {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
};

beforeAll(async () => {
  await prepareDatabase();
  // The plan, the partners, their fundings and the staff accounts, in the child's database.
  const seeded = await node([
    "--input-type=module",
    "-e",
    `const { prisma, closeDatabase } = await import("./app/utils/db.server.ts");
     const { seedDemo, seedReferenceData } = await import("./prisma/seed/load.ts");
     await seedReferenceData(prisma);
     await seedDemo(prisma);
     await closeDatabase();`,
  ]);
  expect(seeded.code).toBe(0);
}, 180_000);

afterAll(remove);

describe(`npm run import -- contributions (${onPostgres ? "PostgreSQL" : "PGlite folder"})`, () => {
  it("prints every row problem with its line and column, and exits 1", async () => {
    const bad = file(
      "bad.csv",
      "year;organisation;channel;measure\n2021;9999;FSE;5.1\n2031;5339;FSE;5.1\n2021;5339;FSE;=1+1\n",
    );
    const result = await run([bad, "--dry-run"]);
    expect(result.code).toBe(1);
    expect(result.lines).toEqual([
      // The place starts with a capital; French puts a space before the colon.
      "! Ligne 2, colonne « organisation » : Aucune organisation de l’annuaire ne porte le numéro, la clé ou le nom « 9999 ».",
      "! Ligne 3, colonne « year » : Aucun plan ne couvre l’année 2031.",
      expect.stringMatching(/^! Ligne 4, colonne « measure » : Cette cellule contient une formule/),
      "3 lignes : 0 contribution à ajouter, 0 déjà dans la base de données. Essai : rien n’a été enregistré.",
      "3 erreurs : rien n’a été enregistré.",
    ]);
    const nl = await run([bad, "--dry-run", "--lang", "nl"]);
    // Dutch: no space before the colon, and one quote style (‘…’) in the place and the message.
    expect(nl.lines[0]).toBe(
      "! Rij 2, kolom ‘organisation’: Geen enkele organisatie in het adresboek heeft het nummer, de sleutel of de naam ‘9999’.",
    );
    // A problem of the whole file: "Fichier", capitalised, then the problem.
    const headersOnly = file("headers.csv", "year;organisation;channel;measure\n");
    const empty = await run([headersOnly, "--dry-run"]);
    expect(empty.code).toBe(1);
    expect(empty.lines[0]).toBe(
      "! Fichier : Le fichier est vide : il doit contenir une ligne d’en-têtes et au moins une ligne de données.",
    );
    expect((await run([headersOnly, "--dry-run", "--lang", "nl"])).lines[0]).toBe(
      "! Bestand: Het bestand is leeg: het moet een regel met kolomkoppen en minstens één gegevensregel bevatten.",
    );
  }, 240_000);

  it("a dry run writes nothing; the import writes as --as; again adds nothing", async () => {
    const good = file(
      "historique.csv",
      "année;organisation;canal;mesure;récit\n2021;5339;FSE;5.1;Patrouilles dans le métro.\n2022;21004;PBPP;4.10;\n",
    );
    const dryRun = await run([good, "--dry-run"]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.lines).toEqual([
      "2 lignes : 2 contributions à ajouter, 0 déjà dans la base de données. Essai : rien n’a été enregistré.",
    ]);
    expect(await query(`prisma.datasetEntry.count({ where: { source: "IMPORT" } })`)).toBe(0);
    // One row, one contribution: said in the singular.
    const single = file("une.csv", "year;organisation;channel;measure\n2021;5339;FSE;5.1\n");
    expect((await run([single, "--dry-run", "--lang", "nl"])).lines).toEqual([
      "1 rij: 1 bijdrage toe te voegen, 0 al in de databank. Proef: er werd niets opgeslagen.",
    ]);

    const applied = await run([good, "--as", "admin@example.org"]);
    expect(applied.code).toBe(0);
    expect(applied.lines).toEqual([
      "2 lignes : 2 contributions ajoutées, 0 déjà dans la base de données.",
    ]);
    expect(
      await query(
        `prisma.contributionImport.findFirst({ select: { fileName: true, rowCount: true, createdCount: true, importedBy: { select: { email: true } } } })`,
      ),
    ).toEqual({
      fileName: "historique.csv",
      rowCount: 2,
      createdCount: 2,
      importedBy: { email: "admin@example.org" },
    });

    const again = await run([good]);
    expect(again.code).toBe(0);
    expect(again.lines).toEqual([
      "2 lignes : 0 contribution ajoutée, 2 déjà dans la base de données.",
    ]);
    expect(await query(`prisma.datasetEntry.count({ where: { source: "IMPORT" } })`)).toBe(2);
  }, 240_000);

  it("wrong usage or an importer who may not import exits 2, saying why on stderr", async () => {
    const good = file("one.csv", "year;organisation;channel;measure\n2021;5339;FSE;5.1\n");
    const usage = expect.stringMatching(/^Utilisation : npm run import -- contributions FICHIER/);
    const cases: [string[], string[]][] = [
      [[], ["Indiquez le fichier à importer.", usage]],
      [
        [good, "--lang", "en"],
        ["« --lang » doit valoir fr ou nl, pas « en ».", usage],
      ],
      [
        [good, "--dryrun"],
        ["Option inconnue : « --dryrun ».", usage],
      ],
      [
        [good, "two.csv"],
        [`Un seul fichier à la fois : « ${good} », puis « two.csv ».`, usage],
      ],
      [
        [good, "--as"],
        ["L’option « --as » attend une valeur.", usage],
      ],
      [
        [good, "--as", "--dry-run"],
        ["L’option « --as » attend une valeur.", usage],
      ],
      [
        [good, "--lang", "fr", "--lang", "nl"],
        ["L’option « --lang » est donnée deux fois.", usage],
      ],
      [
        [good, "--as", "admin", "--lang", "nl"],
        [
          "‘--as’ verwacht het e-mailadres van een beheerder, niet ‘admin’.",
          expect.stringMatching(/^Gebruik: npm run import -- contributions BESTAND/),
        ],
      ],
      [
        [good, "--dryrun", "--lang", "nl"],
        [
          "Onbekende optie: ‘--dryrun’.",
          expect.stringMatching(/^Gebruik: npm run import -- contributions BESTAND/),
        ],
      ],
      [
        [good, "--as", "reviewer@example.org"],
        ["reviewer@example.org n’est pas un compte administrateur actif."],
      ],
      // A file that cannot be read is a wrong command too: its full path, and why.
      [
        [path.join(work, "missing.csv")],
        [`Le fichier « ${path.join(work, "missing.csv")} » ne peut pas être lu : il n’existe pas.`],
      ],
      [[work, "--lang", "nl"], [`Het bestand ‘${work}’ kan niet gelezen worden: het is een map.`]],
    ];
    for (const [args, errors] of cases) {
      const result = await run(args);
      expect({ args, code: result.code, errors: result.errors }).toEqual({ args, code: 2, errors });
      expect(result.lines, args.join(" ")).toEqual([""]);
    }
  }, 360_000);
});
