// CSV answers of the API: RFC 4180 (comma, CRLF, quoted when needed), one header row of the
// JSON's field names, text cells neutralised as the dataset's files are (a leading formula
// character gets an apostrophe), figures and missions as JSON in one cell. Columns added later
// come last (updatedAt), so that a reader by position keeps working.
import { API_HEADERS } from "./problem.server";
import type { ApiEntry } from "./entries.server";
import { csvCell } from "~/modules/dataset/csv";

const row = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(",")}\r\n`;

export const ENTRY_CSV_COLUMNS = [
  "id",
  "createdAt",
  "year",
  "plan",
  "organisation",
  "organisationOfficialId",
  "organisationKind",
  "channel",
  "theme",
  "measure",
  "link",
  "source",
  "missions",
  "narrativeLanguage",
  "narrative",
  "figures",
  "screening",
  "approvedAt",
  "updatedAt",
] as const;

export function entriesCsv(entries: readonly ApiEntry[]): string {
  return (
    row(ENTRY_CSV_COLUMNS) +
    entries
      .map((e) =>
        row([
          e.id,
          e.createdAt,
          e.year,
          e.plan,
          e.organisation.identifier,
          e.organisation.officialId,
          e.organisation.kind,
          e.channel,
          e.theme,
          e.measure,
          e.link,
          e.source,
          JSON.stringify(e.missions),
          e.narrativeLanguage,
          e.narrative,
          JSON.stringify(e.figures),
          e.screening,
          e.approvedAt,
          e.updatedAt,
        ]),
      )
      .join("")
  );
}

export function removedCsv(removed: readonly { id: string; removedAt: string }[]): string {
  return row(["id", "removedAt"]) + removed.map((r) => row([r.id, r.removedAt])).join("");
}

export function csvResponse(text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    headers: { ...API_HEADERS, "Content-Type": "text/csv; charset=utf-8", ...headers },
  });
}

/** RFC 8288 Link header to the next page, a relative reference (no Host header trusted). */
export function nextLink(url: URL, next: string | null): Record<string, string> {
  if (!next) return {};
  const query = new URLSearchParams(url.searchParams);
  query.set("cursor", next);
  return { Link: `<${url.pathname}?${query.toString()}>; rel="next"` };
}
