import type { Language } from "~/modules/i18n/languages";

/**
 * Plan reference codes are stored with their French prefixes (OS2, PA4, MT3: objectif
 * stratégique, principe d'action, mission transversale). Dutch pages show the Dutch
 * abbreviations: SD (strategische doelstelling), AP (actieprincipe), TO (transversale
 * opdracht). Measure and theme codes are numbers and stay as they are.
 */
const dutchPrefixes: Record<string, string> = { OS: "SD", PA: "AP", MT: "TO" };

export function planCode(code: string, lang: Language): string {
  if (lang !== "nl") return code;
  const match = /^(OS|PA|MT)(\d.*)$/.exec(code);
  return match ? `${dutchPrefixes[match[1]!]}${match[2]}` : code;
}
