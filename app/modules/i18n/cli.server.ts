// What every command line (`npm run report`, `npm run import -- contributions|directory`) says
// the same way, in its user's language: which language it speaks (--lang, read first, so that
// even a wrong argument is explained in it), what is wrong with its options, why a file it
// was given cannot be read (the full path and the cause), and how a line about a place in a
// file reads (the place, then what is said about it, punctuated as the language wants).
import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import path from "node:path";
import { getFixedT } from "./i18n.server";
import { isLanguage, languages, type Language } from "./languages";
import { earlyOptionValue, type CliArgsProblem } from "~/utils/cli-args";

/** The language the command speaks, errors included: --lang if it names one, else French. */
export function cliLanguage(args: string[]): Language {
  const lang = earlyOptionValue(args, "lang");
  return isLanguage(lang) ? lang : "fr";
}

/** What is wrong with the options as read (readCliArgs), in words. */
export function cliArgsProblem(problem: CliArgsProblem, lang: Language): string {
  return getFixedT(lang, "common")(`cli.${problem.problem}`, { option: problem.option });
}

/** "« --format » doit valoir table, csv ou json, pas « xml »." */
export function cliOneOf(
  option: string,
  allowed: readonly string[],
  value: string,
  lang: Language,
): string {
  const either = new Intl.ListFormat(lang, { type: "disjunction" }).format(allowed);
  return getFixedT(lang, "common")("cli.oneOf", { option, allowed: either, value });
}

/** The --lang value when it names no language, in words; null when it is fine or absent. */
export function cliLanguageProblem(value: string | undefined, lang: Language): string | null {
  return value === undefined || isLanguage(value)
    ? null
    : cliOneOf("--lang", languages, value, lang);
}

/** The file positional of an import: one, and only one. */
export function cliOneFile(positionals: string[], lang: Language): string | { error: string } {
  const t = getFixedT(lang, "common");
  const [file, second] = positionals;
  if (file === undefined) return { error: t("cli.missingFile") };
  if (second !== undefined) return { error: t("cli.oneFile", { first: file, second }) };
  return file;
}

/**
 * A line of a report about a place in the file: "Fichier, ligne 3, colonne « x » : …" in French
 * (a space before the colon), "Bestand, regel 3, kolom ‘x’: …" in Dutch. The place's parts (the
 * absent ones left out) are joined by commas and start with a capital letter.
 */
export function cliAt(where: (string | null)[], what: string, lang: Language): string {
  const place = where.filter((part): part is string => Boolean(part)).join(", ");
  const capitalised = place.charAt(0).toLocaleUpperCase(lang) + place.slice(1);
  return getFixedT(lang, "common")("cli.at", { where: capitalised, what });
}

/**
 * Why a file the command was given cannot be read (missing, a folder, not readable), with its
 * full path: npm runs the command from the project's folder, so the path shows where it looked.
 */
export async function cliUnreadableFile(file: string, lang: Language): Promise<string> {
  const t = getFixedT(lang, "common");
  let code: string | undefined;
  let cause: string | undefined;
  try {
    if ((await stat(file)).isDirectory()) cause = t("cli.causes.directory");
    else await access(file, constants.R_OK);
  } catch (error) {
    code = (error as NodeJS.ErrnoException).code;
  }
  cause ??=
    code === "ENOENT" || code === "ENOTDIR"
      ? t("cli.causes.notFound")
      : code === "EACCES" || code === "EPERM"
        ? t("cli.causes.permission")
        : t("cli.causes.other", { code: code ?? "?" });
  return t("cli.unreadableBecause", { path: path.resolve(file), cause });
}
