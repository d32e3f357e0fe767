// `npm run report -- <table> --from YEAR [--to YEAR] [--format table|csv|json] [--lang fr|nl]
// [--plan CODE]`: prints a report table as the staff page shows it (real counts), computed by
// the same loadReportTable. Bad arguments exit 2 with the reason and the usage, before the
// database is opened.
import { parseArgs } from "node:util";
import { reportTableCsv } from "./export.server";
import { MAX_YEAR, MIN_YEAR } from "./query";
import { isReportTableName, REPORT_TABLE_NAMES, type ReportTable } from "./table-model";
import { isLanguage } from "~/modules/i18n/languages";

const FORMATS = ["table", "csv", "json"] as const;
type Format = (typeof FORMATS)[number];

export const REPORT_USAGE =
  `Usage: npm run report -- <${REPORT_TABLE_NAMES.join("|")}> --from YEAR [--to YEAR]\n` +
  `       [--format ${FORMATS.join("|")}] [--lang fr|nl] [--plan CODE]`;

export interface ReportCommand {
  name: ReportTable["name"];
  from: number;
  to: number;
  format: Format;
  lang: "fr" | "nl";
  plan?: string;
}

const yearOf = (value: string | undefined) =>
  value !== undefined &&
  /^\d{4}$/.test(value) &&
  Number(value) >= MIN_YEAR &&
  Number(value) <= MAX_YEAR
    ? Number(value)
    : null;

/** The command's arguments, or the reason they are wrong. */
export function parseReportArgs(args: string[]): ReportCommand | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        format: { type: "string", default: "table" },
        lang: { type: "string", default: "fr" },
        plan: { type: "string" },
      },
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
  const { values, positionals } = parsed;
  const [name, ...extra] = positionals;
  if (!isReportTableName(name)) return { error: `Unknown table: ${name ?? "(none)"}` };
  if (extra.length > 0) return { error: `Unexpected argument: ${extra[0]}` };
  const from = yearOf(values.from);
  if (from === null) return { error: `--from must be a year from ${MIN_YEAR} to ${MAX_YEAR}` };
  const to = values.to === undefined ? from : yearOf(values.to);
  if (to === null) return { error: `--to must be a year from ${MIN_YEAR} to ${MAX_YEAR}` };
  if (to < from) return { error: "--to must not come before --from" };
  if (!(FORMATS as readonly string[]).includes(values.format))
    return { error: `--format must be one of ${FORMATS.join(", ")}` };
  if (!isLanguage(values.lang)) return { error: "--lang must be fr or nl" };
  if (values.plan !== undefined && !/^[\w.-]{1,60}$/.test(values.plan))
    return { error: "--plan must be a plan code" };
  return {
    name,
    from,
    to,
    format: values.format as Format,
    lang: values.lang,
    ...(values.plan ? { plan: values.plan } : {}),
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
    err(`${command.error}\n${REPORT_USAGE}`);
    return 2;
  }
  reportCommandState.databaseOpened = true;
  const { loadReportTable } = await import("./tables.server");
  const table = await loadReportTable(
    command.name,
    { planCode: command.plan, from: command.from, to: command.to },
    command.lang,
  );
  if (command.plan && table.planCode !== command.plan) {
    err(`Unknown plan: ${command.plan}\n${REPORT_USAGE}`);
    return 2;
  }
  out(formatReportTable(table, command.format));
  return 0;
}
