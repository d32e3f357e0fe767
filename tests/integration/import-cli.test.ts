// `npm run import -- directory FILE` as a person runs it: a child process (tsx scripts/import.ts)
// on a database of its own (a copy of the migrated PGlite folder, or this file's PostgreSQL
// database), French by default and Dutch with --lang nl. A dry run writes nothing; an import
// writes, and running it again finds everything unchanged; a bad file exits 1 naming the line
// and the column; an unknown command exits 2 without opening the database.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliWorkspace } from "../fixtures/cli-workspace";

const { root, onPostgres, work, env, prepareDatabase, remove } = cliWorkspace("import-cli-");

/** The exit code, the lines of stdout (the result) and of stderr (what is wrong). */
function run(args: string[]): Promise<{ code: number | null; lines: string[]; errors: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/import.ts", ...args], {
      cwd: root,
      env,
    });
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

const file = (name: string, text: string) => {
  const full = path.join(work, name);
  writeFileSync(full, text);
  return full;
};

beforeAll(prepareDatabase);

afterAll(remove);

describe(`npm run import -- directory (${onPostgres ? "PostgreSQL" : "PGlite folder"})`, () => {
  const organisations = file(
    "organisations.csv",
    "\ufefftype;identifiant;nom_fr;nom_nl;langue\n" +
      "commune;21001;Anderlecht;Anderlecht;fr\n" +
      "ASBL;0403.170.701;Quartiers en Paix;Vredige Wijken;nl\n",
  );

  it("a dry run lists the changes and writes nothing; the import writes; again, nothing changes", async () => {
    const dryRun = await run(["directory", organisations, "--dry-run"]);
    expect(dryRun.code).toBe(0);
    expect(dryRun.lines).toEqual([
      // The place, then the change, a space before the colon in French.
      "+ Organisations, ligne 2 : Créer 21001",
      "+ Organisations, ligne 3 : Créer 0403.170.701",
      "Organisations : 2 à créer, 0 à modifier, 0 inchangé(s)",
      "Contacts : 0 à créer, 0 à modifier, 0 inchangé(s)",
      "Financements : 0 à créer, 0 à modifier, 0 inchangé(s)",
      "Essai : rien n’a été enregistré.",
    ]);
    const applied = await run(["directory", organisations]);
    expect(applied.code).toBe(0);
    expect(applied.lines.at(-1)).toBe("Import enregistré.");
    const again = await run(["directory", organisations, "--lang", "nl"]);
    expect(again.code).toBe(0);
    expect(again.lines).toEqual([
      "Organisaties: 0 aan te maken, 0 te wijzigen, 2 ongewijzigd",
      "Contactpersonen: 0 aan te maken, 0 te wijzigen, 0 ongewijzigd",
      "Financieringen: 0 aan te maken, 0 te wijzigen, 0 ongewijzigd",
      "Import opgeslagen.",
    ]);
  }, 120_000);

  it("a bad file exits 1 with each error's line and column, in Dutch with --lang nl", async () => {
    const contacts = file(
      "contacts.csv",
      "organisation,email,name\n" +
        "0403.170.701,an@example.org,An Peeters\n" +
        "0403.170.701,not-an-email,Jan\n",
    );
    const result = await run(["directory", contacts, "--lang", "nl"]);
    expect(result.code).toBe(1);
    expect(result.lines).toContain(
      "! Contactpersonen, regel 3, kolom ‘email’: Vul een geldig professioneel e-mailadres in, bijvoorbeeld voornaam.naam@organisatie.be.",
    );
    expect(result.lines.at(-1)).toBe("1 fout: er is niets opgeslagen.");
    // In French: the place starts with a capital, and a space comes before the colon.
    expect((await run(["directory", contacts, "--dry-run"])).lines).toContain(
      "! Contacts, ligne 3, colonne « email » : Indiquez une adresse e-mail professionnelle valide, par exemple prenom.nom@organisation.be.",
    );
    // One quote style in Dutch, in the place and in the message alike.
    const unknownColumn = file(
      "contacts-type.csv",
      "organisation,email,name,type\n0403.170.701,an@example.org,An Peeters,x\n",
    );
    expect((await run(["directory", unknownColumn, "--lang", "nl"])).lines).toContain(
      "! Contactpersonen, regel 1, kolom ‘type’: De kolom ‘type’ wordt niet herkend.",
    );
  }, 120_000);

  it("a file whose columns say nothing of its content asks for --sheet, not the page's form", async () => {
    const unknown = file("unknown.csv", "a;b\n1;2\n");
    const fr = await run(["directory", unknown, "--dry-run"]);
    expect(fr.code).toBe(1);
    expect(fr.lines[0]).toBe(
      "! Fichier, ligne 1 : Le contenu du fichier n’a pas pu être reconnu d’après ses colonnes : indiquez-le avec l’option --sheet organisations|contacts|fundings.",
    );
    const nl = await run(["directory", unknown, "--dry-run", "--lang", "nl"]);
    expect(nl.code).toBe(1);
    expect(nl.lines[0]).toBe(
      "! Bestand, regel 1: De inhoud van het bestand kon niet herkend worden aan de kolommen: geef ze op met de optie --sheet organisations|contacts|fundings.",
    );
    expect([...fr.lines, ...nl.lines].join("\n")).not.toMatch(/formulaire|formulier/);
  }, 120_000);

  it("a file that cannot be read exits 2 naming its full path and why, on stderr", async () => {
    const missing = path.join(work, "absent.csv");
    const usage = /^Utilisation : npm run import -- directory FICHIER/;
    expect(await run(["directory", "absent.csv", "--dry-run"])).toEqual({
      code: 2,
      lines: [""],
      errors: [
        `Le fichier « ${path.join(root, "absent.csv")} » ne peut pas être lu : il n’existe pas.`,
      ],
    });
    expect((await run(["directory", work, "--lang", "nl"])).errors).toEqual([
      `Het bestand ‘${work}’ kan niet gelezen worden: het is een map.`,
    ]);
    expect((await run(["directory", missing])).code).toBe(2);
    // No file, two files: the reason, then the usage.
    const none = await run(["directory", "--dry-run"]);
    expect(none.code).toBe(2);
    expect(none.errors[0]).toBe("Indiquez le fichier à importer.");
    expect(none.errors[1]).toMatch(usage);
    expect((await run(["directory", organisations, missing])).errors[0]).toBe(
      `Un seul fichier à la fois : « ${organisations} », puis « ${missing} ».`,
    );
    expect((await run(["directory", organisations, missing, "--lang", "nl"])).errors[0]).toBe(
      `Eén bestand tegelijk: ‘${organisations}’, dan ‘${missing}’.`,
    );
  }, 120_000);

  it("an unknown import or a wrong option exits 2 with the usage", async () => {
    // What is wrong, then the usage, on stderr; in Dutch with --lang nl.
    const usage = "Utilisation : npm run import -- <directory|contributions> FICHIER [options]";
    expect(await run(["contacts", organisations])).toEqual({
      code: 2,
      lines: [""],
      errors: ["Import inconnu : « contacts ». Les imports sont directory, contributions.", usage],
    });
    expect(await run([])).toEqual({
      code: 2,
      lines: [""],
      errors: ["Indiquez ce qu’il faut importer : directory, contributions.", usage],
    });
    expect((await run(["toString", "--lang", "nl"])).errors).toEqual([
      "Onbekende import: ‘toString’. De imports zijn directory, contributions.",
      "Gebruik: npm run import -- <directory|contributions> BESTAND [opties]",
    ]);
    // A wrong option: the reason, in the command's language, then its usage; nothing on stdout.
    const wrong = await run(["directory", organisations, "--lang", "de"]);
    expect(wrong.code).toBe(2);
    expect(wrong.lines).toEqual([""]);
    expect(wrong.errors[0]).toBe("« --lang » doit valoir fr ou nl, pas « de ».");
    expect(wrong.errors[1]).toMatch(/^Utilisation : npm run import -- directory FICHIER/);
    expect(
      (await run(["directory", organisations, "--lang", "nl", "--sheet", "fonds"])).errors,
    ).toEqual([
      "‘--sheet’ moet organisations, contacts of fundings zijn, niet ‘fonds’.",
      "Gebruik: npm run import -- directory BESTAND [--dry-run] [--lang fr|nl] [--sheet organisations|contacts|fundings]",
    ]);
    expect((await run(["directory", organisations, "--force"])).errors[0]).toBe(
      "Option inconnue : « --force ».",
    );
    expect((await run(["directory", organisations, "--dry-run", "--dry-run"])).errors[0]).toBe(
      "L’option « --dry-run » est donnée deux fois.",
    );
  }, 60_000);
});
