// What every command line (`npm run report`, `npm run import -- contributions|directory`) says
// the same way, in its user's language: which language it speaks (--lang, read first, so that
// even a wrong argument is explained in it), what is wrong with its options, and why a file it
// was given cannot be read (the full path and the cause).
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
