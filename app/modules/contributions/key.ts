// What makes two imported rows the same contribution: the sha256 of the normalised row (year,
// organisation, channel, measure, link, narrative, figures). The narrative is compared with its
// spaces and Unicode form normalised; the figures in the file's column order. Importing a file
// twice therefore adds nothing, and neither does the same row in another file.
import { createHash } from "node:crypto";
import type { DatasetLink, FundingChannel } from "~/generated/prisma/enums";

export interface KeyedRow {
  year: number;
  organisationId: string;
  channel: FundingChannel;
  measureId: string;
  link: DatasetLink;
  narrative: string;
  figures: readonly { label: string; value: number; unit: string }[];
}

/** Trimmed, inner white space as one space, Unicode NFC: what a reader sees as the same text. */
export function normaliseText(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ");
}

export function importKeyOf(row: KeyedRow): string {
  const figures = row.figures.map((f) => [normaliseText(f.label), f.value, normaliseText(f.unit)]);
  const normalised = [
    row.year,
    row.organisationId,
    row.channel,
    row.measureId,
    row.link,
    normaliseText(row.narrative),
    JSON.stringify(figures),
  ].join("|");
  return createHash("sha256").update(normalised).digest("hex");
}
