// What a frozen edition keeps of each dataset entry: the entry as it was published at the
// freeze (ADR 0021), by stable codes (plan, theme and measure codes, the organisation's
// official identifier and its FR/NL names), never by ids that only make sense inside this
// database, and with the published text (screening's publishEntry: personal data masked).
// Pure: the pages, the workbook and the tests read the stored JSON through `readPublishedEntry`.
import { z } from "zod";

export const publishedEntrySchema = z.object({
  entryId: z.string(),
  year: z.number().int(),
  planCode: z.string(),
  themeCode: z.string(),
  measureCode: z.string(),
  organisation: z.object({
    /** Zone number, NIS code or enterprise number; the directory's slug when it has none. */
    identifier: z.string(),
    kind: z.string(),
    nameFr: z.string(),
    nameNl: z.string(),
  }),
  channel: z.string(),
  link: z.string(),
  /** APPROVAL (a reviewed return) or IMPORT (history imported from a file). */
  source: z.string(),
  missionCodes: z.array(z.string()),
  narrative: z.string(),
  narrativeLanguage: z.string().nullable(),
  figures: z.array(
    z.object({
      label: z.string(),
      value: z.union([z.number(), z.string()]).nullable(),
      unit: z.string().nullable().optional(),
    }),
  ),
  /** "pending" when a personal-data finding was still open at the freeze (its text masked). */
  screening: z.enum(["clear", "pending"]),
  /** When the entry entered the dataset (approval or import), ISO 8601. */
  approvedAt: z.string(),
});

export type PublishedEntry = z.infer<typeof publishedEntrySchema>;

/** The stored JSON of an edition's entry (a broken row is an error, not a silent blank). */
export function readPublishedEntry(json: unknown): PublishedEntry {
  return publishedEntrySchema.parse(json);
}

/** An organisation's name in the page's language. */
export function organisationName(entry: PublishedEntry, lang: "fr" | "nl") {
  return lang === "nl" ? entry.organisation.nameNl : entry.organisation.nameFr;
}

/** "Personnes formées: 12 personnes; Séances: 3", the figures on one line. */
export function figuresText(
  figures: PublishedEntry["figures"],
  formatNumber: (n: number) => string,
) {
  return figures
    .map((figure) => {
      const value =
        typeof figure.value === "number" ? formatNumber(figure.value) : (figure.value ?? "");
      return `${figure.label}: ${value}${figure.unit ? ` ${figure.unit}` : ""}`;
    })
    .join("; ");
}
