// npm run import -- contributions FILE [--dry-run] [--as EMAIL] [--lang fr|nl]
// The historical import of contributions from the command line (scripts/import.ts dispatches
// on "contributions"): one line per error, then the totals, in French unless --lang nl.
// --as names the staff administrator the entries are approved by (recorded as the importer);
// without it the import has no importer. Exit code 0 when the file was imported (or, with
// --dry-run, would be), 1 on any row error (or a file over the size limit), 2 on a wrong
// command, a file that cannot be read or an unknown --as: what is wrong goes to stderr, in the
// command's language, naming the option or the file. Needs the database to itself when it is
// the embedded one (stop the app first).
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { can, rolesOf } from "~/modules/auth/permissions";
import { formatNumber } from "~/modules/i18n/format";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { shownAsData } from "~/modules/i18n/keys";
import { isLanguage, type Language } from "~/modules/i18n/languages";
import { earlyOptionValue, readCliArgs } from "~/utils/cli-args";
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

/** The language the command speaks, errors included: --lang if it names one, else French. */
export function contributionCliLanguage(args: string[]): Language {
  const lang = earlyOptionValue(args, "lang");
  return isLanguage(lang) ? lang : "fr";
}

/** The command's options, or what is wrong with them, in the command's language. */
export function parseContributionArguments(args: string[]): Options | { error: string } {
  const lang = contributionCliLanguage(args);
  const t = getFixedT(lang, "contributions");
  const tc = getFixedT(lang, "common");
  const parsed = readCliArgs(args, OPTIONS);
  if (!parsed.ok) return { error: tc(`cli.${parsed.problem}`, { option: parsed.option }) };
  const { values, positionals } = parsed;
  if (values.lang !== undefined && !isLanguage(values.lang)) {
    const allowed = new Intl.ListFormat(lang, { type: "disjunction" }).format(["fr", "nl"]);
    return { error: tc("cli.oneOf", { option: "--lang", allowed, value: values.lang }) };
  }
  const [file, second] = positionals;
  if (file === undefined) return { error: t("cli.missingFile") };
  if (second !== undefined) return { error: t("cli.oneFile", { first: file, second }) };
  const as = values.as === undefined ? null : values.as.trim().toLowerCase();
  if (as !== null && !as.includes("@")) return { error: t("cli.asEmail", { value: values.as }) };
  return { file, dryRun: values["dry-run"] === true, lang, as };
}

/** Why a file the command was given cannot be read: missing, a folder, not readable. */
async function unreadableCause(file: string, lang: Language): Promise<string> {
  const t = getFixedT(lang, "contributions");
  let code: string | undefined;
  try {
    if ((await stat(file)).isDirectory()) return t("cli.causes.directory");
    await access(file, constants.R_OK);
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code;
  }
  if (code === "ENOENT" || code === "ENOTDIR") return t("cli.causes.notFound");
  if (code === "EACCES" || code === "EPERM") return t("cli.causes.permission");
  return t("cli.causes.other", { code: code ?? "?" });
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
    ].filter(Boolean);
    lines.push(
      `! ${where.join(", ")}: ${t(error.key, { ...shownAsData(error.key), ...errorParams(error, lang) })}`,
    );
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
    err(getFixedT(contributionCliLanguage(args), "contributions")("cli.usage"));
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
    // npm runs the command from the project's folder: the full path shows where it looked.
    const cause = await unreadableCause(options.file, options.lang);
    err(t("cli.unreadableBecause", { path: path.resolve(options.file), cause }));
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
