// npm run import -- <what> FILE [options]: imports a file into the database. <what> names the
// import, so others can join: `directory` (organisations, contacts, fundings; see
// app/modules/directory/import/cli.ts), `contributions` (historical contributions into the
// dataset; see app/modules/contributions/cli.ts). The database module is loaded only once the command
// is known, so a wrong command never opens (or locks) the embedded database.
export {};

const [what, ...args] = process.argv.slice(2);

const imports: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  directory: async () => (await import("../app/modules/directory/import/cli")).runDirectoryImport,
  contributions: async () =>
    (await import("../app/modules/contributions/cli")).runContributionImport,
};

const load = what ? imports[what] : undefined;
if (!load) {
  console.log(`Usage: npm run import -- <${Object.keys(imports).join("|")}> FILE [options]`);
  process.exit(2);
}
const run = await load();
const code = await run(args);
const { closeDatabase } = await import("../app/utils/db.server");
await closeDatabase();
process.exit(code);
