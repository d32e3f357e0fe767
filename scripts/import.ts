// npm run import -- <what> FILE [options]: imports a file into the database. <what> names the
// import, so others can join: `directory` (organisations, contacts, fundings; see
// app/modules/directory/import/cli.ts), `contributions` (historical contributions into the
// dataset; see app/modules/contributions/cli.ts). The database module is loaded only once the command
// is known, so a wrong command never opens (or locks) the embedded database: it exits 2, saying
// what is wrong on stderr, in French or, with --lang nl, in Dutch.
import { getFixedT } from "../app/modules/i18n/i18n.server";
import { isLanguage } from "../app/modules/i18n/languages";
import { earlyOptionValue } from "../app/utils/cli-args";

const [what, ...args] = process.argv.slice(2);

const imports: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  directory: async () => (await import("../app/modules/directory/import/cli")).runDirectoryImport,
  contributions: async () =>
    (await import("../app/modules/contributions/cli")).runContributionImport,
};

const load = what && Object.hasOwn(imports, what) ? imports[what] : undefined;
if (!load) {
  const lang = earlyOptionValue(process.argv.slice(2), "lang");
  const t = getFixedT(isLanguage(lang) ? lang : "fr", "imports");
  const names = Object.keys(imports);
  const reason =
    what === undefined || what.startsWith("--")
      ? t("cli.missingImport", { imports: names.join(", ") })
      : t("cli.unknownImport", { name: what, imports: names.join(", ") });
  console.error(`${reason}\n${t("cli.commandUsage", { imports: names.join("|") })}`);
  process.exit(2);
}
const run = await load();
const code = await run(args);
const { closeDatabase } = await import("../app/utils/db.server");
await closeDatabase();
process.exit(code);
