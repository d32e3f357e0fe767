export const languages = ["fr", "nl"] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = "fr";
export const timeZone = "Europe/Brussels";

export function isLanguage(value: unknown): value is Language {
  return value === "fr" || value === "nl";
}

/** BCP 47 locale used for dates and numbers: Belgian French / Belgian Dutch. */
export function localeFor(lang: Language) {
  return lang === "nl" ? "nl-BE" : "fr-BE";
}

/** Picks the remembered language (cookie), then Accept-Language (by quality), else French. */
export function detectLanguage(
  remembered: Language | undefined,
  acceptLanguage: string | null,
): Language {
  if (remembered) return remembered;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().toLowerCase().split(";");
      const q = Number(params.find((p) => p.trim().startsWith("q="))?.split("=")[1] ?? 1);
      return { primary: tag.split("-")[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const match = ranked.find((entry) => isLanguage(entry.primary));
  return match && isLanguage(match.primary) ? match.primary : defaultLanguage;
}

export function otherLanguage(lang: Language): Language {
  return lang === "fr" ? "nl" : "fr";
}

/** Picks the FR or NL variant of a bilingual record stored as titleFr/titleNl columns. */
export function localized<T extends Record<string, unknown>>(
  record: T,
  field: string,
  lang: Language,
): string {
  const key = `${field}${lang === "fr" ? "Fr" : "Nl"}`;
  return String(record[key] ?? "");
}
