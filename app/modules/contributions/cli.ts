// npm run import -- contributions FILE [--dry-run] [--as EMAIL] [--lang fr|nl]
// The historical import of contributions from the command line (scripts/import.ts dispatches
// on "contributions"): one line per error, then the totals, in French unless --lang nl.
// --as names the staff administrator the entries are approved by (recorded as the importer);
// without it the import has no importer. Exit code 0 when the file was imported (or, with
// --dry-run, would be), 1 on any row error, 2 on a wrong command or an unknown --as.
// Needs the database to itself when it is the embedded one (stop the app first).
import path from "node:path";
import { can, rolesOf } from "~/modules/auth/permissions";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { shownAsData } from "~/modules/i18n/keys";
import { isLanguage, type Language } from "~/modules/i18n/languages";
import { prisma } from "~/utils/db.server";
import {
  dryRunContributions,
  importContributions,
  type ContributionImportResult,
} from "./import.server";
import { MAX_CONTRIBUTION_BYTES } from "./limits";
import { readImportFileFromDisk } from "~/modules/directory/import/read-disk-file.server";

interface Options {
  file: string;
  dryRun: boolean;
  lang: Language;
  as: string | null;
}

export function parseContributionArguments(args: string[]): Options | null {
  let file: string | undefined;
  let dryRun = false;
  let lang: Language = "fr";
  let as: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--dry-run") dryRun = true;
    else if (arg === "--lang") {
      const value = args[++i];
      if (!isLanguage(value)) return null;
      lang = value;
    } else if (arg === "--as") {
      const value = args[++i];
      if (!value || value.startsWith("--")) return null;
      as = value.trim().toLowerCase();
    } else if (arg.startsWith("--") || file !== undefined) return null;
    else file = arg;
  }
  return file === undefined ? null : { file, dryRun, lang, as };
}

/** The lines printed for a result: errors, then the totals. */
export function contributionReportLines(
  result: ContributionImportResult,
  lang: Language,
  dryRun: boolean,
): string[] {
  const t = getFixedT(lang, "contributions");
  const lines: string[] = [];
  for (const error of result.errors) {
    const where = [
      error.line !== null ? `${t("cli.line")} ${error.line}` : t("cli.file"),
      error.column !== null ? `${t("cli.column")} « ${error.column} »` : null,
    ].filter(Boolean);
    lines.push(
      `! ${where.join(", ")}: ${t(error.key, { ...shownAsData(error.key), ...error.params })}`,
    );
  }
  lines.push(
    t(dryRun ? "cli.totalsDryRun" : "cli.totals", {
      rows: result.rowCount,
      created: result.newCount,
      known: result.knownCount,
    }),
  );
  if (result.errors.length > 0) lines.push(t("cli.errors", { count: result.errors.length }));
  else if (!dryRun && result.findingCount > 0)
    lines.push(t("cli.findings", { count: result.findingCount }));
  return lines;
}

export async function runContributionImport(
  args: string[],
  out: (line: string) => void = console.log,
): Promise<number> {
  const options = parseContributionArguments(args);
  if (!options) {
    out(getFixedT("fr", "contributions")("cli.usage"));
    return 2;
  }
  const t = getFixedT(options.lang, "contributions");
  let actorUserId: string | null = null;
  if (options.as) {
    const user = await prisma.user.findUnique({
      where: { email: options.as },
      select: { id: true, active: true, staffRole: true, memberships: { select: { id: true } } },
    });
    if (!user || !user.active || !can(rolesOf(user), "dataset:import")) {
      out(t("cli.unknownImporter", { email: options.as }));
      return 2;
    }
    actorUserId = user.id;
  }
  const file = await readImportFileFromDisk(options.file, MAX_CONTRIBUTION_BYTES);
  if (!file.ok) {
    out(
      file.problem === "unreadable"
        ? t("cli.unreadable")
        : getFixedT(options.lang, "imports")("errors.tooLarge", {
            megabytes: MAX_CONTRIBUTION_BYTES / 1024 / 1024,
          }),
    );
    return 1;
  }
  const { bytes } = file;
  const result = options.dryRun
    ? await dryRunContributions(bytes)
    : await importContributions(bytes, {
        fileName: path.basename(options.file),
        actorUserId,
        source: "cli",
      });
  for (const line of contributionReportLines(result, options.lang, options.dryRun)) out(line);
  return result.errors.length > 0 ? 1 : 0;
}
