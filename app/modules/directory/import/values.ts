// The words a cell may hold for the directory's closed lists, in English, French or Dutch
// (case, accents and spaces aside), and the lists written in one cell with "|".
import type { FundingChannel, OrganisationKind } from "~/generated/prisma/enums";
import { fundingChannels } from "~/modules/organisations/schema";
import { normaliseName } from "./columns";

function lookup<T extends string>(table: Record<T, string[]>) {
  const index = new Map<string, T>();
  for (const [value, words] of Object.entries(table) as [T, string[]][])
    for (const word of [value, ...words]) index.set(normaliseName(word), value);
  return (text: string): T | null => index.get(normaliseName(text)) ?? null;
}

export const organisationKindOf = lookup<OrganisationKind>({
  POLICE_ZONE: ["police zone", "zone de police", "zone police", "ZP", "politiezone", "PZ"],
  COMMUNE: ["commune", "municipality", "gemeente"],
  LISA_ANTENNA: ["LISA antenna", "antenne LISA", "LISA", "LISA-antenne", "antenne"],
  REGIONAL_BODY: [
    "regional body",
    "organisme régional",
    "organisme public régional",
    "gewestelijke instelling",
    "gewestelijk organisme",
  ],
  NON_PROFIT: ["non-profit", "non profit", "ASBL", "VZW", "association"],
});

export function channelOf(text: string): FundingChannel | null {
  const code = normaliseName(text).toUpperCase();
  return (fundingChannels as readonly string[]).includes(code) ? (code as FundingChannel) : null;
}

export const languageOf = lookup<"fr" | "nl">({
  fr: ["français", "francais", "french", "Frans", "F"],
  nl: ["néerlandais", "neerlandais", "Dutch", "Nederlands", "N"],
});

export const reportRoleOf = lookup<"MAIN" | "BACKUP" | "NONE">({
  MAIN: ["main", "principal", "principale", "hoofd", "hoofdcontact"],
  BACKUP: ["backup", "suppléant", "suppleant", "suppléante", "remplaçant", "reserve", "vervanger"],
  NONE: ["none", "aucun", "aucune", "geen"],
});

export const yesNoOf = lookup<"yes" | "no">({
  yes: ["oui", "ja", "true", "vrai", "waar", "1", "x"],
  no: ["non", "nee", "neen", "false", "faux", "onwaar", "0"],
});

export const measureLinkOf = lookup<"PRIMARY" | "SECONDARY">({
  PRIMARY: ["primary", "principale", "principal", "primaire", "primair", "hoofd", "p"],
  SECONDARY: ["secondary", "secondaire", "secundair", "neven", "s"],
});

/** "a | b|c" → ["a", "b", "c"]; empty items dropped. */
export function listOf(text: string): string[] {
  return text
    .split("|")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** A year as a whole number; a spreadsheet number cell counts as text would. */
export function yearOf(value: string | number): number | null {
  const text = typeof value === "number" ? String(value) : value.trim();
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

/**
 * "4.10:primary|5.1:secondary|2.1" → measures with their link (primary when not said); null
 * when an item is not "code" or "code:link". Spreadsheets turn "4.10" typed in a cell into the
 * number 4.1: such a number cell is refused by the caller, not guessed.
 */
export function measureListOf(text: string) {
  const measures: { code: string; link: "PRIMARY" | "SECONDARY" }[] = [];
  for (const item of listOf(text)) {
    const [code, linkText, ...rest] = item.split(":").map((part) => part.trim());
    if (rest.length > 0 || !code || !/^\d{1,2}\.\d{1,2}$/.test(code)) return null;
    const link = linkText === undefined ? "PRIMARY" : measureLinkOf(linkText);
    if (!link) return null;
    measures.push({ code, link });
  }
  return measures;
}

/** "MT1|TO3" → ["MT1", "MT3"]: the Dutch abbreviation (transversale opdracht) is the same code. */
export function missionCodeOf(text: string): string | null {
  const match = /^(MT|TO)\s*(\d{1,2})$/i.exec(text.trim());
  return match ? `MT${Number(match[2])}` : null;
}
