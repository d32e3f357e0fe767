// Numbers and dates as partners type them, read into the values the checks compare.

/**
 * Numbers as Belgians type them: "12,5" and "12.5"; thousands grouped by spaces or dots
 * ("1 250", "1.250", "1.250.000", "1.250,5"). A single dot followed by exactly three digits is
 * read as a thousands separator, as in Belgian usage; decimals are written with a comma.
 */
export function normaliseNumber(text: string): string | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f']/g, "");
  const sign = /^[-+]/.test(cleaned) ? cleaned[0] : "";
  const body = sign ? cleaned.slice(1) : cleaned;
  let normalised: string | null = null;
  if (/^\d+$/.test(body)) normalised = body;
  else if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(body))
    normalised = body.replace(/\./g, "").replace(",", ".");
  else if (/^\d*,\d+$/.test(body)) normalised = body.replace(",", ".");
  else if (/^\d*\.\d+$/.test(body)) normalised = body;
  if (normalised === null) return null;
  return `${sign === "-" ? "-" : ""}${normalised.startsWith(".") ? `0${normalised}` : normalised}`;
}

export function parseNumber(text: string): number | null {
  const normalised = normaliseNumber(text);
  if (normalised === null) return null;
  const n = Number(normalised);
  return Number.isFinite(n) ? n : null;
}

/**
 * A date as the date field shows it (15/03/2023, or 15-03-2023 / 15.03.2023), for browsers
 * without a date picker, read as ISO; ISO dates pass through.
 */
export function isoDate(text: string): string {
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (!match) return text;
  const [, day, month, year] = match;
  return `${year}-${month!.padStart(2, "0")}-${day!.padStart(2, "0")}`;
}
