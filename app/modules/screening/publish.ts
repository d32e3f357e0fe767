// What may be published of a dataset entry: its narrative and its figures' labels and units with
// the screening's findings applied. Everything that leaves the platform (dataset CSV and XLSX, the
// read API, report editions) goes through publishEntry, so an unconfirmed finding is never
// published: an OPEN finding is masked like a confirmed one until a reviewer decides.
// Pure: the caller reads the findings (publish.server.ts).
import { z } from "zod";
import type { FindingStatus } from "~/generated/prisma/enums";

/** Stands for masked personal data, the same in every language. */
export const MASK = "[…]";

/** What publishing needs of a finding. */
export interface FindingForPublishing {
  /** "narrative", or "figure:<index>" for a figure's label. */
  field: string;
  start: number;
  end: number;
  status: FindingStatus;
  /** REDACTED: the reviewer's wording. */
  replacement: string | null;
}

/**
 * A figure as stored on an entry: [{ label, value, unit }]. The one reading of stored figures
 * (the dataset's storedFigures is this one), so "figure:<index>" names the same figure.
 */
const figuresSchema = z
  .array(
    z.object({
      label: z.string().catch(""),
      value: z.union([z.number(), z.string()]).nullable().catch(null),
      unit: z.string().nullable().optional().catch(null),
    }),
  )
  .catch([]);
export type PublishedFigure = z.infer<typeof figuresSchema>[number];

/** The figures an entry carries, read as the screening and publishing index them. */
export function entryFigures(json: unknown): PublishedFigure[] {
  return figuresSchema.parse(json);
}

export const NARRATIVE_FIELD = "narrative";
/** A figure's label. */
export const figureField = (index: number) => `figure:${index}`;
/** A figure's unit (free text a partner types: "appels", "personnes"...). */
export const figureUnitField = (index: number) => `figure-unit:${index}`;

/** Where a finding's field points: the narrative, or a figure's label or unit. */
export type FindingPlace = { part: "narrative" } | { part: "label" | "unit"; index: number };

export function findingPlace(field: string): FindingPlace | null {
  if (field === NARRATIVE_FIELD) return { part: "narrative" };
  const match = /^figure(-unit)?:(\d{1,4})$/.exec(field);
  if (!match) return null;
  return { part: match[1] ? "unit" : "label", index: Number(match[2]) };
}

export interface PublishedEntry {
  narrative: string;
  figures: PublishedFigure[];
  /** "pending": a finding is still open (its text is masked until a reviewer decides). */
  screening: "clear" | "pending";
}

/** The text a finding publishes in place of its span. */
function published(finding: FindingForPublishing, original: string): string {
  switch (finding.status) {
    case "OVERRIDDEN":
      return original;
    case "REDACTED":
      return finding.replacement?.trim() ? finding.replacement : MASK;
    default:
      return MASK;
  }
}

/**
 * A text with its findings applied, left to right. Spans are clamped to the text. Overlapping
 * spans (never written by the scanner, but the rows could say so) are taken as one: published
 * as written only if every one of them is overridden, as the wording of a lone redaction, and
 * masked otherwise.
 */
export function applyFindings(text: string, findings: readonly FindingForPublishing[]): string {
  if (findings.length === 0) return text;
  const clamp = (n: number) => Math.min(Math.max(n, 0), text.length);
  const ordered = findings
    .map((f) => ({ ...f, start: clamp(f.start), end: clamp(f.end) }))
    .filter((f) => f.end > f.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let cursor = 0;
  let i = 0;
  while (i < ordered.length) {
    const group = [ordered[i]!];
    let end = group[0]!.end;
    for (i += 1; i < ordered.length && ordered[i]!.start < end; i += 1) {
      group.push(ordered[i]!);
      end = Math.max(end, ordered[i]!.end);
    }
    const start = group[0]!.start;
    const original = text.slice(start, end);
    const replaced =
      group.length === 1
        ? published(group[0]!, original)
        : group.every((f) => f.status === "OVERRIDDEN")
          ? original
          : MASK;
    out += text.slice(cursor, start) + replaced;
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** An entry as it may be published: findings applied to the narrative and figures' labels and units. */
export function publishEntry(
  entry: { narrative: string; figures: unknown },
  findings: readonly FindingForPublishing[],
): PublishedEntry {
  const byField = new Map<string, FindingForPublishing[]>();
  for (const finding of findings) {
    const list = byField.get(finding.field);
    if (list) list.push(finding);
    else byField.set(finding.field, [finding]);
  }
  const figures = entryFigures(entry.figures).map((figure, index) => {
    const label = byField.get(figureField(index));
    const unit = figure.unit ? byField.get(figureUnitField(index)) : undefined;
    if (!label && !unit) return figure;
    return {
      ...figure,
      ...(label ? { label: applyFindings(figure.label, label) } : {}),
      ...(unit ? { unit: applyFindings(figure.unit!, unit) } : {}),
    };
  });
  return {
    narrative: applyFindings(entry.narrative, byField.get(NARRATIVE_FIELD) ?? []),
    figures,
    screening: findings.some((f) => f.status === "OPEN") ? "pending" : "clear",
  };
}
