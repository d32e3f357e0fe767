// npm run import -- directory FILE [--dry-run] [--lang fr|nl] [--sheet organisations|contacts|fundings]
// The directory import from the command line (scripts/import.ts dispatches on "directory"):
// one line per planned change and per error, then the totals, in French unless --lang nl.
// Exit code 0 when the file was imported (or, with --dry-run, would be), 1 on any error in the
// file (or a file over the size limit), 2 on a wrong command or a file that cannot be read:
// what is wrong goes to stderr, in the command's language, naming the option or the file.
// Needs the database to itself when it is the embedded one (stop the app).
import {
  cliArgsProblem,
  cliAt,
  cliLanguage,
  cliLanguageProblem,
  cliOneFile,
  cliOneOf,
  cliUnreadableFile,
} from "~/modules/i18n/cli.server";
import { getFixedT } from "~/modules/i18n/i18n.server";
import type { Language } from "~/modules/i18n/languages";
import { shownAsData } from "~/modules/i18n/keys";
import { readCliArgs } from "~/utils/cli-args";
import { importSheets, isImportSheet, type ImportSheet } from "./columns";
import { applyImport, dryRunImport, type ImportResult } from "./import.server";
import { MAX_IMPORT_BYTES } from "./limits";
import { readImportFileFromDisk } from "./read-disk-file.server";

interface Options {
  file: string;
  dryRun: boolean;
  lang: Language;
  sheet?: ImportSheet;
}

const OPTIONS = { "dry-run": "boolean", lang: "string", sheet: "string" } as const;

/** The command's options, or what is wrong with them, in the command's language. */
export function parseArguments(args: string[]): Options | { error: string } {
  const lang = cliLanguage(args);
  const parsed = readCliArgs(args, OPTIONS);
  if (!parsed.ok) return { error: cliArgsProblem(parsed, lang) };
  const { values, positionals } = parsed;
  const wrongLanguage = cliLanguageProblem(values.lang, lang);
  if (wrongLanguage) return { error: wrongLanguage };
  if (values.sheet !== undefined && !isImportSheet(values.sheet))
    return { error: cliOneOf("--sheet", importSheets, values.sheet, lang) };
  const file = cliOneFile(positionals, lang);
  if (typeof file !== "string") return file;
  return { file, dryRun: values["dry-run"] === true, lang, sheet: values.sheet };
}

/** The lines printed for a result: changes, errors, totals. */
export function reportLines(result: ImportResult, lang: Language, dryRun: boolean): string[] {
  const t = getFixedT(lang, "imports");
  const lines: string[] = [];
  for (const row of result.rows) {
    if (row.action === "unchanged") continue;
    const fields = row.changes.map((c) => t(`columns.${c}`, shownAsData(c))).join(", ");
    const change =
      `${t(`actions.${row.action}`)} ${row.organisation ? `${row.organisation} / ` : ""}${row.label}` +
      (fields ? ` (${fields})` : "");
    lines.push(
      `${row.action === "create" ? "+" : "~"} ` +
        cliAt([t(`sheets.${row.sheet}`), `${t("cli.line")} ${row.line}`], change, lang),
    );
  }
  for (const error of result.errors) {
    const where = [
      error.sheet ? t(`sheets.${error.sheet}`) : t("cli.file"),
      error.line !== null ? `${t("cli.line")} ${error.line}` : null,
      error.column !== null ? t("cli.columnNamed", { name: error.column }) : null,
    ];
    const problem =
      error.key === "errors.sheetUndetermined"
        ? // The page's message points to its form; here the choice is an option.
          t("cli.sheetUndetermined", { option: `--sheet ${importSheets.join("|")}` })
        : t(error.key, { ...shownAsData(error.key), ...error.params });
    lines.push(`! ${cliAt(where, problem, lang)}`);
  }
  for (const entity of ["organisation", "contact", "funding"] as const)
    lines.push(t("cli.totals", { entity: t(`entities.${entity}`), ...result.totals[entity] }));
  if (result.errors.length > 0) lines.push(t("cli.errors", { count: result.errors.length }));
  else lines.push(dryRun ? t("cli.dryRun") : t("cli.applied"));
  return lines;
}

export async function runDirectoryImport(
  args: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const options = parseArguments(args);
  if ("error" in options) {
    err(options.error);
    err(getFixedT(cliLanguage(args), "imports")("cli.usage"));
    return 2;
  }
  const t = getFixedT(options.lang, "imports");
  const file = await readImportFileFromDisk(options.file, MAX_IMPORT_BYTES);
  if (!file.ok) {
    if (file.problem === "unreadable") {
      err(await cliUnreadableFile(options.file, options.lang));
      return 2;
    }
    err(t("errors.tooLarge", { megabytes: MAX_IMPORT_BYTES / 1024 / 1024 }));
    return 1;
  }
  const { bytes } = file;
  const result = options.dryRun
    ? await dryRunImport(bytes, { sheet: options.sheet })
    : await applyImport(bytes, { sheet: options.sheet, actorUserId: null, source: "cli" });
  for (const line of reportLines(result, options.lang, options.dryRun)) out(line);
  return result.errors.length > 0 ? 1 : 0;
}
