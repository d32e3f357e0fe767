// The words a contribution's cells may hold (pure): channels, links and languages in English,
// French or Dutch (case, accents and spaces aside), years, figure numbers, and the
// organisation's identifier or name as compared.
import type { DatasetLink, FundingChannel } from "~/generated/prisma/enums";
import { normaliseName } from "~/modules/directory/import/columns";

function lookup<T extends string>(table: Record<T, string[]>) {
  const index = new Map<string, T>();
  for (const [value, words] of Object.entries(table) as [T, string[]][])
    for (const word of [value, ...words]) index.set(normaliseName(word), value);
  return (text: string): T | null => index.get(normaliseName(text)) ?? null;
}

/** The report's channel names; ASBL_OTHER is the call-free non-profits (ASBL_OUTSIDE_CALL). */
export const channelOf = lookup<FundingChannel>({
  FSE: ["zone", "police zone", "zone de police", "politiezone"],
  PBPP: ["commune", "gemeente", "plan bruxellois de prevention et de proximite"],
  LISA: ["antenne LISA", "LISA antenna"],
  REGIONAL: ["regional", "régional", "gewestelijk", "regional body", "acteur régional"],
  ASBL_CALL: ["ASBL call", "appel à projets", "projectoproep", "VZW_CALL"],
  ASBL_OUTSIDE_CALL: [
    "ASBL_OTHER",
    "ASBL other",
    "ASBL hors appel",
    "VZW_OTHER",
    "VZW buiten oproep",
  ],
});

/** A measure's link: primary, secondary, other (FR: principale/secondaire/autre; NL: primair/secundair/ander). */
export const linkOf = lookup<DatasetLink>({
  PRIMARY: ["primary", "principal", "principale", "primaire", "primair", "hoofd"],
  SECONDARY: ["secondary", "secondaire", "secundair", "neven"],
  OTHER: ["other", "autre", "ander", "andere", "overig", "overige"],
});

export const narrativeLanguageOf = lookup<"fr" | "nl">({
  fr: ["français", "francais", "french", "frans"],
  nl: ["néerlandais", "neerlandais", "dutch", "nederlands"],
});

/** A year as a whole number; a spreadsheet number cell counts as text would. */
export function yearOf(value: string | number): number | null {
  const text = typeof value === "number" ? String(value) : value.trim();
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

/** A measure code as the plan writes it ("4.10"); null for anything else. */
export function measureCodeOf(text: string): string | null {
  const match = /^(\d{1,2})\.(\d{1,2})$/.exec(text.trim());
  return match ? `${Number(match[1])}.${match[2]}` : null;
}

/**
 * A figure: a number cell, or text such as "1 234,5", "1.234,5" or "1234.5"; null otherwise.
 * A text with both "." and "," reads the last one as the decimal mark. "ambiguous": a text
 * read as thousands by some and as decimals by others, "1.234" or "1,234" (a single mark
 * followed by three digits, after one to three digits that do not start with 0). French and
 * Dutch files write 1,234 for one point two three four, English ones for a thousand and more:
 * the import asks rather than guesses.
 */
export function figureValueOf(value: string | number): number | null | "ambiguous" {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  let text = value.replace(/[\s\u00a0\u202f]/g, "");
  if (!/^-?[\d.,]+$/.test(text) || !/\d/.test(text)) return null;
  if (/^-?[1-9]\d{0,2}[.,]\d{3}$/.test(text)) return "ambiguous";
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  if (lastDot !== -1 && lastComma !== -1) {
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    text = text.replaceAll(thousands, "").replace(decimal, ".");
  } else if (lastComma !== -1) {
    text = text.split(",").length > 2 ? text.replaceAll(",", "") : text.replace(",", ".");
  } else if (text.split(".").length > 2) text = text.replaceAll(".", "");
  const number = Number(text);
  return Number.isFinite(number) ? number : null;
}

/** An official identifier as compared: "0403.170.701", "0403 170 701" and "BE0403170701" are one. */
export function identifierKey(text: string): string {
  const compact = text.toLowerCase().replace(/[\s.\-/]/g, "");
  return /^be\d{10}$/.test(compact) ? compact.slice(2) : compact;
}

/** A name as compared: trimmed, case and inner spaces aside (accents kept: names are exact). */
export function nameKey(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLocaleLowerCase("fr");
}
