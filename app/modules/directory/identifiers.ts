// Official identifiers of partner organisations: a police zone number, a commune's NIS code or a
// Belgian enterprise (BCE/KBO) number. Pure, shared by the staff forms, the import and the tests.
// Each parser accepts the ways people write them and returns the one stored form, or an error code.

export type IdentifierError = "format" | "notBrussels" | "checksum";
export type Parsed = { ok: true; value: string } | { ok: false; error: IdentifierError };

/** The six Brussels police zones (5339 Brussels-Capital/Ixelles … 5344 Montgomery). */
export const BRUSSELS_POLICE_ZONES = ["5339", "5340", "5341", "5342", "5343", "5344"] as const;

/** NIS codes of the 19 Brussels communes: 21001 (Anderlecht) … 21019 (Woluwe-Saint-Pierre). */
export const BRUSSELS_COMMUNE_NIS = Array.from({ length: 19 }, (_, i) => String(21001 + i));

const separators = /[\s.\-/\u00a0]/g;

/** "5339", "ZP 5339", "PZ5339" → "5339"; only the Brussels zones are partners. */
export function parsePoliceZone(input: string): Parsed {
  const digits = input
    .trim()
    .replace(/^(zp|pz)\s*/i, "")
    .replace(separators, "");
  if (!/^\d{4}$/.test(digits)) return { ok: false, error: "format" };
  if (!(BRUSSELS_POLICE_ZONES as readonly string[]).includes(digits))
    return { ok: false, error: "notBrussels" };
  return { ok: true, value: digits };
}

/** "21004", "21 004", "21.004" → "21004"; only the 19 Brussels communes. */
export function parseNisCode(input: string): Parsed {
  const digits = input.trim().replace(separators, "");
  if (!/^\d{5}$/.test(digits)) return { ok: false, error: "format" };
  if (!BRUSSELS_COMMUNE_NIS.includes(digits)) return { ok: false, error: "notBrussels" };
  return { ok: true, value: digits };
}

/**
 * "0403.170.701", "BE 0403 170 701", "403170701" → "0403.170.701". Ten digits starting with 0 or
 * 1 (old nine-digit numbers get their leading 0), the last two being 97 − (first eight mod 97).
 */
export function parseEnterpriseNumber(input: string): Parsed {
  let digits = input
    .trim()
    .replace(/^be\s*/i, "")
    .replace(separators, "");
  if (/^\d{9}$/.test(digits)) digits = `0${digits}`;
  if (!/^[01]\d{9}$/.test(digits)) return { ok: false, error: "format" };
  const check = 97 - (Number(digits.slice(0, 8)) % 97);
  if (check !== Number(digits.slice(8))) return { ok: false, error: "checksum" };
  return {
    ok: true,
    value: `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`,
  };
}

export type IdentifierKind = "POLICE_ZONE" | "COMMUNE" | "ENTERPRISE";

/** Which identifier an organisation of this kind carries; a LISA antenna carries none. */
export function identifierKindOf(
  kind: "POLICE_ZONE" | "COMMUNE" | "LISA_ANTENNA" | "REGIONAL_BODY" | "NON_PROFIT",
): IdentifierKind | null {
  if (kind === "POLICE_ZONE") return "POLICE_ZONE";
  if (kind === "COMMUNE") return "COMMUNE";
  if (kind === "LISA_ANTENNA") return null;
  return "ENTERPRISE";
}

export function parseIdentifier(kind: IdentifierKind, input: string): Parsed {
  if (kind === "POLICE_ZONE") return parsePoliceZone(input);
  if (kind === "COMMUNE") return parseNisCode(input);
  return parseEnterpriseNumber(input);
}
