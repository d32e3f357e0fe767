// npm run import -- contributions FILE [--dry-run] [--as EMAIL] [--lang fr|nl]
// The historical import of contributions from the command line (scripts/import.ts dispatches
// on "contributions"): one line per error, then the totals, in French unless --lang nl.
// --as names the staff administrator the entries are approved by (recorded as the importer);
// without it the import has no importer. Exit code 0 when the file was imported (or, with
// --dry-run, would be), 1 on any row error (or a file over the size limit), 2 on a wrong
// command, a file that cannot be read or an unknown --as: what is wrong goes to stderr, in the
// command's language, naming the option or the file. Needs the database to itself when it is
// the embedded one (stop the app first).
import path from "node:path";
import { can, rolesOf } from "~/modules/auth/permissions";
import { formatNumber } from "~/modules/i18n/format";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { shownAsData } from "~/modules/i18n/keys";
import {
  cliArgsProblem,
  cliAt,
  cliLanguage,
  cliLanguageProblem,
  cliOneFile,
  cliUnreadableFile,
} from "~/modules/i18n/cli.server";
import type { Language } from "~/modules/i18n/languages";
import { readCliArgs } from "~/utils/cli-args";
import { prisma } from "~/utils/db.server";
import {
  dryRunContributions,
  importContributions,
  type ContributionImportResult,
} from "./import.server";
import { errorParams } from "./errors";
import { MAX_CONTRIBUTION_BYTES } from "./limits";
import { readImportFileFromDisk } from "~/modules/directory/import/read-disk-file.server";

interface Options {
  file: string;
  dryRun: boolean;
  lang: Language;
  as: string | null;
}

const OPTIONS = { "dry-run": "boolean", as: "string", lang: "string" } as const;

/** The command's options, or what is wrong with them, in the command's language. */
export function parseContributionArguments(args: string[]): Options | { error: string } {
  const lang = cliLanguage(args);
  const t = getFixedT(lang, "contributions");
  const parsed = readCliArgs(args, OPTIONS);
  if (!parsed.ok) return { error: cliArgsProblem(parsed, lang) };
  const { values, positionals } = parsed;
  const wrongLanguage = cliLanguageProblem(values.lang, lang);
  if (wrongLanguage) return { error: wrongLanguage };
  const file = cliOneFile(positionals, lang);
  if (typeof file !== "string") return file;
  const as = values.as === undefined ? null : values.as.trim().toLowerCase();
  if (as !== null && !as.includes("@")) return { error: t("cli.asEmail", { value: values.as }) };
  return { file, dryRun: values["dry-run"] === true, lang, as };
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
      error.column !== null ? t("cli.columnNamed", { name: error.column }) : null,
    ];
    const problem = t(error.key, { ...shownAsData(error.key), ...errorParams(error, lang) });
    lines.push(`! ${cliAt(where, problem, lang)}`);
  }
  const n = (value: number) => formatNumber(value, lang);
  const counted = (value: number) => ({ count: value, total: n(value) });
  lines.push(
    t(dryRun ? "cli.totalsDryRun" : "cli.totals", {
      rows: t("cli.rows", counted(result.rowCount)),
      created: t(dryRun ? "cli.toAdd" : "cli.created", counted(result.newCount)),
      known: n(result.knownCount),
    }),
  );
  const errors = result.errors.length;
  if (errors > 0) lines.push(t("cli.errors", { count: errors, total: n(errors) }));
  else if (!dryRun && result.findingCount > 0)
    lines.push(t("cli.findings", { count: result.findingCount, total: n(result.findingCount) }));
  return lines;
}

export async function runContributionImport(
  args: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const options = parseContributionArguments(args);
  if ("error" in options) {
    err(options.error);
    err(getFixedT(cliLanguage(args), "contributions")("cli.usage"));
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
      err(t("cli.unknownImporter", { email: options.as }));
      return 2;
    }
    actorUserId = user.id;
  }
  const file = await readImportFileFromDisk(options.file, MAX_CONTRIBUTION_BYTES);
  if (!file.ok && file.problem === "unreadable") {
    err(await cliUnreadableFile(options.file, options.lang));
    return 2;
  }
  if (!file.ok) {
    err(
      getFixedT(options.lang, "imports")("errors.tooLarge", {
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
