// `npm run report -- <table> --from YEAR [--to YEAR] [--format table|csv|json] [--lang fr|nl]
// [--plan CODE] [--unsuppressed]`: prints a report table computed by the same loadReportTable,
// as published (small project counts hidden below the administrators' threshold, as in the
// downloads and the API), or with --unsuppressed as the staff page shows it (real counts). Bad
// arguments exit 2 with the reason and the usage, in the --lang language, before the database
// is opened.
import { getFixedT } from "~/modules/i18n/i18n.server";
import {
  cliArgsProblem,
  cliLanguage,
  cliLanguageProblem,
  cliOneOf,
} from "~/modules/i18n/cli.server";
import type { Language } from "~/modules/i18n/languages";
import { readCliArgs } from "~/utils/cli-args";
import { reportTableCsv } from "./export.server";
import { MAX_YEAR, MIN_YEAR } from "./query";
import { isReportTableName, REPORT_TABLE_NAMES, type ReportTable } from "./table-model";

const FORMATS = ["table", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

const OPTIONS = {
  from: "string",
  to: "string",
  format: "string",
  lang: "string",
  plan: "string",
  unsuppressed: "boolean",
} as const;

/** The usage, in the command's language: the synopsis, then what --unsuppressed changes. */
export function reportUsage(lang: Language): string {
  const t = getFixedT(lang, "reports");
  return [
    t("cli.usage", { tables: REPORT_TABLE_NAMES.join("|"), formats: FORMATS.join("|") }),
    t("cli.usageSuppression"),
  ].join("\n");
}

export interface ReportCommand {
  name: ReportTable["name"];
  from: number;
  to: number;
  format: Format;
  lang: Language;
  plan?: string;
  /** The real counts, as the staff page shows them, rather than the published ones. */
  unsuppressed: boolean;
}

const yearOf = (value: string | undefined) =>
  value !== undefined &&
  /^\d{4}$/.test(value) &&
  Number(value) >= MIN_YEAR &&
  Number(value) <= MAX_YEAR
    ? Number(value)
    : null;

/** The command's arguments, or the reason they are wrong (in the command's language). */
export function parseReportArgs(args: string[]): ReportCommand | { error: string } {
  const lang = cliLanguage(args);
  const t = getFixedT(lang, "reports");
  const tc = getFixedT(lang, "common");
  const parsed = readCliArgs(args, OPTIONS);
  if (!parsed.ok) return { error: cliArgsProblem(parsed, lang) };
  const { values, positionals } = parsed;
  const tables = new Intl.ListFormat(lang, { type: "conjunction" }).format(REPORT_TABLE_NAMES);
  const [name, ...extra] = positionals;
  if (name === undefined) return { error: t("cli.missingTable", { tables }) };
  if (!isReportTableName(name)) return { error: t("cli.unknownTable", { name, tables }) };
  if (extra.length > 0) return { error: tc("cli.unexpectedArgument", { value: extra[0] }) };
  const year = (option: string, value: string) =>
    t("cli.year", { option, value, min: MIN_YEAR, max: MAX_YEAR });
  if (values.from === undefined) return { error: t("cli.fromRequired") };
  const from = yearOf(values.from);
  if (from === null) return { error: year("--from", values.from) };
  const to = values.to === undefined ? from : yearOf(values.to);
  if (to === null) return { error: year("--to", values.to!) };
  if (to < from) return { error: t("cli.toBeforeFrom") };
  const format = values.format ?? "table";
  if (!(FORMATS as readonly string[]).includes(format))
    return { error: cliOneOf("--format", FORMATS, format, lang) };
  const wrongLanguage = cliLanguageProblem(values.lang, lang);
  if (wrongLanguage) return { error: wrongLanguage };
  if (values.plan !== undefined && !/^[\w.-]{1,60}$/.test(values.plan))
    return { error: t("cli.planCode") };
  return {
    name,
    from,
    to,
    format: format as Format,
    lang,
    ...(values.plan ? { plan: values.plan } : {}),
    unsuppressed: values.unsuppressed === true,
  };
}

/** The table as aligned text: its title, headings, rows and total, then how it is counted. */
export function reportTableText(table: ReportTable): string {
  const header = [table.rowHeading ?? "", ...table.columns.map((c) => c.label)];
  const rows = [...table.rows, ...(table.total ? [table.total] : [])].map((row) => [
    row.label,
    ...table.columns.map((c) => row.cells[c.key]?.display ?? ""),
  ]);
  const widths = header.map((_, i) =>
    Math.min(i === 0 ? 60 : 40, Math.max(...[header, ...rows].map((r) => r[i]!.length))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => {
        const text = cell.length > widths[i]! ? `${cell.slice(0, widths[i]! - 1)}…` : cell;
        return i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!);
      })
      .join("  ")
      .trimEnd();
  return [
    table.title,
    "",
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.map(line),
    "",
    table.howCounted,
  ].join("\n");
}

export function formatReportTable(table: ReportTable, format: Format): string {
  if (format === "json") return JSON.stringify(table, null, 2);
  // The download's CSV without its byte-order mark (meant for Excel, not a terminal).
  if (format === "csv")
    return reportTableCsv(table)
      .replace(/^\uFEFF/, "")
      .trimEnd();
  return reportTableText(table);
}

/** Whether the command opened the database (the script closes it then). */
export const reportCommandState = { databaseOpened: false };

/** Runs the command; returns the exit code (0, or 2 for bad arguments). */
export async function runReportCommand(
  args: string[],
  out: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  err: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
): Promise<number> {
  const command = parseReportArgs(args);
  if ("error" in command) {
    err(`${command.error}\n${reportUsage(cliLanguage(args))}`);
    return 2;
  }
  reportCommandState.databaseOpened = true;
  const { loadReportTable, publishedTableOptions } = await import("./tables.server");
  const table = await loadReportTable(
    command.name,
    { planCode: command.plan, from: command.from, to: command.to },
    command.lang,
    // What the downloads and the API publish, unless the real counts are asked for.
    command.unsuppressed ? {} : await publishedTableOptions(),
  );
  if (command.plan && table.planCode !== command.plan) {
    const t = getFixedT(command.lang, "reports");
    err(`${t("cli.unknownPlan", { code: command.plan })}\n${reportUsage(command.lang)}`);
    return 2;
  }
  out(formatReportTable(table, command.format));
  return 0;
}
