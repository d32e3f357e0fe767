// Personal-data screening of a text: where a narrative or a figure's label may hold a Belgian
// national register number, an IBAN, an email address, a phone number or a date of birth.
// Pure and deterministic: the same text gives the same matches, in text order. Offsets are the
// string's own (UTF-16 code units), as stored and as applied when the text is published.
//
// Linear in the text's length: every regular expression here has bounded quantifiers only (so
// each start position costs a bounded amount), email addresses are found by walking out from
// each "@", and the words before a date are read from a bounded window.
import type { PersonalDataKind } from "~/generated/prisma/enums";

export interface ScanMatch {
  kind: PersonalDataKind;
  start: number;
  end: number;
}

/** Scans a text; matches never overlap (the longest wins), ordered by start. */
export function scanText(text: string): ScanMatch[] {
  if (text.length === 0) return [];
  const found = [
    ...ibans(text),
    ...nationalNumbers(text),
    ...emails(text),
    ...phones(text),
    ...birthDates(text),
  ];
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: ScanMatch[] = [];
  for (const match of found) {
    const last = kept.at(-1);
    if (last && match.start < last.end) continue;
    kept.push(match);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Belgian national register numbers: YYMMDD SSS CC, with or without the usual separators
// (85.07.30-033.28). The check digits CC are 97 - (YYMMDDSSS mod 97), or for people born from
// 2000 the same over 2YYMMDDSSS. Month 00 and day 00 occur (date unknown); bis numbers add 20
// or 40 to the month.

const NATIONAL_NUMBER =
  /(?<!\w|\d[.,/-])(\d{2})[. ]?(\d{2})[. ]?(\d{2})[-. ]?(\d{3})[-. ]?(\d{2})(?!\w|[.,/-]?\d)/g;

/** Whether 11 digits are a national register number: a plausible date and its check digits. */
export function isNationalNumber(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const baseMonth = month >= 40 ? month - 40 : month >= 20 ? month - 20 : month;
  if (baseMonth > 12 || day > 31) return false;
  const body = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return 97 - (body % 97) === check || 97 - ((2_000_000_000 + body) % 97) === check;
}

function nationalNumbers(text: string): ScanMatch[] {
  const matches: ScanMatch[] = [];
  for (const m of text.matchAll(NATIONAL_NUMBER)) {
    if (isNationalNumber(m.slice(1, 6).join(""))) {
      matches.push({ kind: "NATIONAL_NUMBER", start: m.index, end: m.index + m[0].length });
    }
  }
  return matches;
}

// ---------------------------------------------------------------------------------------------
// IBANs (ISO 13616): a country code, two check digits and the country's BBAN, written in one
// block or in groups separated by single spaces. The length is the country's (SWIFT IBAN
// registry) and the mod-97 checksum must be 1.

// prettier-ignore
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29,
  BY: 28, CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29,
  ES: 24, FI: 18, FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28,
  HN: 28, HR: 21, HU: 28, IE: 22, IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20,
  LB: 28, LC: 32, LI: 21, LT: 20, LU: 20, LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19,
  MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18, NO: 15, OM: 23, PK: 24, PL: 28, PS: 29,
  PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31, SD: 18, SE: 24, SI: 19, SK: 24,
  SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29, VA: 22, VG: 24, XK: 20,
  YE: 30,
};

const IBAN_START = /(?<![\p{L}\p{N}])[A-Za-z]{2}\d{2}/gu;

/** ISO 13616 mod 97 of an IBAN without spaces (letters count as 10..35): 1 when valid. */
export function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged.toUpperCase()) {
    const code = char.charCodeAt(0);
    const value = code >= 65 && code <= 90 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

const isAlphanumeric = (char: string | undefined) =>
  char !== undefined && /^[A-Za-z0-9]$/.test(char);

function ibans(text: string): ScanMatch[] {
  const matches: ScanMatch[] = [];
  for (const m of text.matchAll(IBAN_START)) {
    const length = IBAN_LENGTHS[m[0].slice(0, 2).toUpperCase()];
    if (length === undefined) continue;
    // Walk the BBAN: alphanumerics, a single space allowed between two of them.
    let compact = m[0];
    let i = m.index + 4;
    while (compact.length < length) {
      if (text[i] === " " && isAlphanumeric(text[i + 1])) i += 1;
      if (!isAlphanumeric(text[i])) break;
      compact += text[i];
      i += 1;
    }
    if (compact.length !== length || isAlphanumeric(text[i])) continue;
    if (!/^\d+$/.test(compact.slice(2, 4)) || ibanRemainder(compact) !== 1) continue;
    matches.push({ kind: "IBAN", start: m.index, end: i });
  }
  return matches;
}

// ---------------------------------------------------------------------------------------------
// Email addresses: found from each "@", walking out over the characters a local part and a
// domain may hold. A walk stops at the next "@", so the whole text is read a bounded number
// of times.

const LOCAL = /[A-Za-z0-9._%+'-]/;
const DOMAIN = /[A-Za-z0-9.-]/;

function emails(text: string): ScanMatch[] {
  const matches: ScanMatch[] = [];
  let at = text.indexOf("@");
  while (at !== -1) {
    let start = at;
    while (start > 0 && LOCAL.test(text[start - 1]!)) start -= 1;
    while (start < at && text[start] === ".") start += 1;
    let end = at + 1;
    while (end < text.length && DOMAIN.test(text[end]!)) end += 1;
    while (end > at + 1 && (text[end - 1] === "." || text[end - 1] === "-")) end -= 1;
    const domain = text.slice(at + 1, end);
    if (start < at && /^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}$/.test(domain)) {
      matches.push({ kind: "EMAIL", start, end });
    }
    at = text.indexOf("@", at + 1);
  }
  return matches;
}

// ---------------------------------------------------------------------------------------------
// Belgian phone numbers: +32, 0032 or the trunk 0, then the national number (8 digits for a
// landline, 9 for a mobile, which starts with 4), in groups separated by single spaces, dots,
// slashes or hyphens. Not a number that continues a figure ("1 023 456 789"), nor a date.

const SEP = "[ .\\/-]";
const PHONE = new RegExp(
  `(?<![\\w+]|\\d[ \\u00a0\\u202f.,/-])(?:(?:\\+ ?|00)32${SEP}?(?:\\(0\\)${SEP}?)?|0)` +
    `([1-9](?:${SEP}?\\d){7,8})(?!\\w|[.,/-]?\\d)`,
  "g",
);
const DATE_LIKE = /^0\d[./-][01]\d[./-]\d{2}/;
/** An enterprise number (0412.345.678) is no phone number. */
const ENTERPRISE_NUMBER = /^0\d{3}\.\d{3}\.\d{3}$/;

function phones(text: string): ScanMatch[] {
  const matches: ScanMatch[] = [];
  for (const m of text.matchAll(PHONE)) {
    const national = m[1]!.replace(/\D/g, "");
    // Mobile numbers are 045x to 049x; nine digits starting otherwise are no phone number.
    if (national.length === 9 && !/^4[5-9]/.test(national)) continue;
    if (DATE_LIKE.test(m[0]) || ENTERPRISE_NUMBER.test(m[0])) continue;
    matches.push({ kind: "PHONE", start: m.index, end: m.index + m[0].length });
  }
  return matches;
}

// ---------------------------------------------------------------------------------------------
// Dates of birth: a date (12/03/1985, 12.03.1985, 12 mars 1985, 12 maart 1985) right after a
// birth word (né le, née le, né(e) le, date de naissance, geboren op, geboortedatum, °) or right
// after a capitalised name and an opening parenthesis ("Jan Peeters (12/03/1985)"), unless an
// article makes the name an institution's ("le Conseil Communal (12/03/2024)").

const MONTH_NAMES =
  "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre|d[ée]cembre|" +
  "januari|februari|maart|april|mei|juni|juli|augustus|oktober|december";
const DATE = new RegExp(
  `(?<![\\w/.-])(?:(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})|(\\d{1,2}|1er) (?:${MONTH_NAMES}) (\\d{4}))(?![\\w]|[./-]\\d)`,
  "giu",
);
const BIRTH_WORDS =
  /(?:\bn[ée]{1,2}(?:\(e\)|\.e)?\s{1,3}le|\bdate\s{1,3}de\s{1,3}naissance\s{0,3}:?|\bgeboren\s{1,3}op|\bgeboortedatum\s{0,3}:?|\bgeb\.|(?<![nN]\s?)°)\s{0,3}$/iu;
// Two to four capitalised words, lower-case particles allowed between them (Jan Van den Broeck).
const NAME_AND_PARENTHESIS =
  /\p{Lu}\p{Ll}{1,30}(?:[ '-](?:\p{Ll}{1,3} ){0,2}\p{Lu}\p{Ll}{1,30}){1,3} ?\( ?$/u;
const CONTEXT = 60;
// An institution or a document, not a person: an article comes before or among the capitalised
// words ("le Conseil Communal (…)", "Approuvé par le Conseil (…)", "het Strategisch Plan (…)",
// "Le Plan Global (…)"), but not the "la" of a name's "de la" (Marie de la Tour). "de" is no
// article here: it also means "of" before a person ("le dossier de Jan Peeters (…)").
const ARTICLE = /^(?:le|la|les|l'|du|des|au|aux|het|een)$/iu;
const WORD_BEFORE = /(\p{L}+'?)\s{0,3}$/u;

/** Whether the words before a date end with a person's name and an opening parenthesis. */
function personNameBefore(before: string): boolean {
  const name = NAME_AND_PARENTHESIS.exec(before);
  if (!name) return false;
  const previous = WORD_BEFORE.exec(before.slice(0, name.index))?.[1];
  const words = [...(previous ? [previous] : []), ...(name[0].match(/\p{L}+/gu) ?? [])];
  return !words.some(
    (word, i) => ARTICLE.test(word) && !(i > 0 && words[i - 1]!.toLowerCase() === "de"),
  );
}

function plausibleDate(m: RegExpMatchArray): boolean {
  const day = Number(m[1] ?? (m[5] === "1er" ? 1 : m[5]));
  if (day < 1 || day > 31) return false;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > 12)) return false;
  return true;
}

function birthDates(text: string): ScanMatch[] {
  const matches: ScanMatch[] = [];
  for (const m of text.matchAll(DATE)) {
    if (!plausibleDate(m)) continue;
    const before = text.slice(Math.max(0, m.index - CONTEXT), m.index);
    if (BIRTH_WORDS.test(before) || personNameBefore(before)) {
      matches.push({ kind: "BIRTH_DATE", start: m.index, end: m.index + m[0].length });
    }
  }
  return matches;
}
