// The personal-data scanner on made-up data: national register numbers whose check digits are
// computed here from the rule (never a real person's), IBANs with their mod-97 checksum,
// emails, Belgian phone numbers, dates of birth next to birth words or a name; and the
// realistic narratives (amounts, periods, counts, measure codes) that must give nothing.
import { describe, expect, it } from "vitest";
import { ibanRemainder, isNationalNumber, scanText } from "~/modules/screening/scan";

/** A national number's 11 digits for a birth date and serial, check digits from the rule. */
function nationalNumber(yymmdd: string, serial: string, bornFrom2000 = false) {
  const body = Number(yymmdd + serial);
  const check = 97 - ((bornFrom2000 ? 2_000_000_000 + body : body) % 97);
  return yymmdd + serial + String(check).padStart(2, "0");
}
const wrongCheck = (digits: string) =>
  digits.slice(0, 9) + String((Number(digits.slice(9)) % 97) + 1).padStart(2, "0");
const formatted = (d: string) =>
  `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4, 6)}-${d.slice(6, 9)}.${d.slice(9)}`;

/** A valid IBAN for a country and BBAN: the check digits computed from ISO 13616. */
function iban(country: string, bban: string) {
  const remainder = ibanRemainder(`${country}00${bban}`);
  return `${country}${String(98 - remainder).padStart(2, "0")}${bban}`;
}
const grouped = (compact: string) => compact.replace(/(.{4})(?=.)/g, "$1 ");

const kinds = (text: string) => scanText(text).map((m) => m.kind);
const found = (text: string) => scanText(text).map((m) => text.slice(m.start, m.end));

describe("national register numbers", () => {
  const before2000 = nationalNumber("850730", "033");
  const after2000 = nationalNumber("050312", "117", true);
  const bis = nationalNumber("852730", "045"); // month + 20: a bis number
  const unknownDate = nationalNumber("850000", "101"); // month and day unknown

  it("accepts numbers whose check digits match, from 2000 with the 2 prefixed", () => {
    for (const digits of [before2000, after2000, bis, unknownDate]) {
      expect(isNationalNumber(digits)).toBe(true);
    }
    expect(nationalNumber("050312", "117", true)).not.toBe(nationalNumber("050312", "117"));
  });

  it("refuses wrong check digits and implausible months or days", () => {
    expect(isNationalNumber(wrongCheck(before2000))).toBe(false);
    expect(isNationalNumber(wrongCheck(after2000))).toBe(false);
    expect(isNationalNumber(nationalNumber("851330", "033"))).toBe(false); // month 13
    expect(isNationalNumber(nationalNumber("856530", "033"))).toBe(false); // month 65
    expect(isNationalNumber(nationalNumber("850732", "033"))).toBe(false); // day 32
    expect(isNationalNumber("1234567890")).toBe(false);
  });

  it("finds them with or without the usual separators", () => {
    const spaced = `${before2000.slice(0, 6)} ${before2000.slice(6, 9)} ${before2000.slice(9)}`;
    for (const written of [before2000, formatted(before2000), formatted(after2000), spaced]) {
      const text = `Le jeune (NN ${written}) a été suivi.`;
      expect(scanText(text)).toEqual([
        { kind: "NATIONAL_NUMBER", start: 13, end: 13 + written.length },
      ]);
    }
  });

  it("ignores eleven digits whose check digits do not match", () => {
    expect(scanText(`Dossier ${formatted(wrongCheck(before2000))} classé.`)).toEqual([]);
    expect(scanText(`Référence ${wrongCheck(after2000)}.`)).toEqual([]);
  });

  it("does not take part of a longer number", () => {
    expect(scanText(`Code 9${before2000}`)).toEqual([]);
    expect(scanText(`Code ${before2000}4`)).toEqual([]);
  });
});

describe("IBANs", () => {
  const be = iban("BE", "539007547034"); // BE + 14 digits
  const nl = iban("NL", "ABNA0417164300");
  const fr = iban("FR", "20041010050500013M02606");

  it("finds valid IBANs, grouped by four or in one block, in any country", () => {
    expect(be).toHaveLength(16);
    for (const written of [be, grouped(be), grouped(nl), fr, grouped(fr)]) {
      expect(found(`Versement sur le compte ${written}.`)).toEqual([written]);
    }
    expect(kinds(`rekening ${grouped(nl)}`)).toEqual(["IBAN"]);
  });

  it("refuses a wrong checksum, a wrong length or an unknown country", () => {
    const broken = be.slice(0, 15) + String((Number(be[15]) + 1) % 10);
    expect(scanText(`compte ${grouped(broken)}`)).toEqual([]);
    expect(scanText(`compte ${be.slice(0, 15)}`)).toEqual([]);
    expect(scanText(`compte ${be}7`)).toEqual([]);
    expect(scanText(`compte ZZ${be.slice(2)}`)).toEqual([]);
  });

  it("stops at the IBAN's length when a word follows", () => {
    const text = `IBAN ${grouped(be)} EUR 450`;
    expect(found(text)).toEqual([grouped(be)]);
  });
});

describe("email addresses", () => {
  it("finds them, not the punctuation around them", () => {
    expect(found("Contact : jan.peeters@example.be.")).toEqual(["jan.peeters@example.be"]);
    expect(found("(marie-claire+jeunes@asbl-exemple.org)")).toEqual([
      "marie-claire+jeunes@asbl-exemple.org",
    ]);
    expect(kinds("mail: a@b.brussels, b@c.be")).toEqual(["EMAIL", "EMAIL"]);
  });

  it("ignores an @ without a domain", () => {
    expect(scanText("Rendez-vous @ la maison de quartier, @safe.brussels")).toEqual([]);
    expect(scanText("x@localhost")).toEqual([]);
  });
});

describe("phone numbers", () => {
  it("finds Belgian landlines and mobiles written in the usual ways", () => {
    for (const written of [
      "02 511 12 34",
      "02/511.12.34",
      "02-511-12-34",
      "025111234",
      "0475 12 34 56",
      "0475/12.34.56",
      "0475123456",
      "+32 2 511 12 34",
      "+32 (0)2 511 12 34",
      "+32475123456",
      "0032 475 12 34 56",
      "04 123 45 67",
    ]) {
      expect(found(`Tél. ${written}, le matin.`), written).toEqual([written]);
    }
  });

  it("ignores amounts, dates, periods, counts, years, postcodes and measure codes", () => {
    const narrative = [
      "Budget de 12 500 € pour la mesure 4.10 (prévention).",
      "Du 01/03/2023 au 30/06/2023, 1 234 jeunes ont été accompagnés à 1000 Bruxelles.",
      "Période 01.03.2023-30.06.2023 ; 2021-2022 : 0 incident ; 1 023 456 789 € en 2023.",
      "Van 01-03-2023 tot 30-06-2023 werden 12 345 jongeren begeleid (maatregel 2.3.1).",
      "Entreprise 0412.345.678, subside de 45 000,00 €, 3 200 heures, 10 % en 2022/2023.",
    ].join(" ");
    expect(scanText(narrative)).toEqual([]);
  });

  it("refuses nine digits after the trunk 0 that are no mobile number", () => {
    expect(scanText("Référence 0123 45 67 89")).toEqual([]);
  });
});

describe("dates of birth", () => {
  it("finds a date after a birth word, in French and Dutch", () => {
    for (const [text, date] of [
      ["Le jeune, né le 12/03/2009, a été orienté.", "12/03/2009"],
      ["Sa sœur née le 3 mars 2011 aussi.", "3 mars 2011"],
      ["Né(e) le 01.02.2010 à Anderlecht", "01.02.2010"],
      ["Date de naissance : 14-07-2008", "14-07-2008"],
      ["De jongere, geboren op 12 maart 2009, werd begeleid.", "12 maart 2009"],
      ["Geboortedatum: 05/11/2007", "05/11/2007"],
      ["Mohamed B., ° 12/03/2009, Molenbeek", "12/03/2009"],
    ] as const) {
      expect(found(text), text).toEqual([date]);
      expect(kinds(text)).toEqual(["BIRTH_DATE"]);
    }
  });

  it("finds a date right after a capitalised name and a parenthesis", () => {
    expect(found("Jan Peeters (12/03/1985) coordonne.")).toEqual(["12/03/1985"]);
    expect(found("avec Jan Van den Broeck (3/4/1990)")).toEqual(["3/4/1990"]);
    expect(found("le dossier de Jan Peeters (12/03/1985)")).toEqual(["12/03/1985"]);
    expect(found("Mevrouw An De Smet (1 maart 1990)")).toEqual(["1 maart 1990"]);
    expect(found("avec Marie de la Tour (12/03/1985)")).toEqual(["12/03/1985"]);
  });

  it("ignores a date after an institution's or a document's name, which an article introduces", () => {
    for (const text of [
      "Approuvé par le Conseil Communal (12/03/2024) à l'unanimité.",
      "Le Plan Global de Sécurité (01/01/2024) prévoit six axes.",
      "Conformément au Plan Stratégique (1er mars 2024).",
      "Goedgekeurd in het Strategisch Veiligheidsplan (12/03/2024).",
      "Selon l'Observatoire Bruxellois (12/03/2024).",
    ]) {
      expect(scanText(text), text).toEqual([]);
    }
  });

  it("ignores dates that are no birth dates", () => {
    for (const text of [
      "Réunion le 12/03/2023 avec les partenaires.",
      "Du 01/03/2023 au 30/06/2023.",
      "Le projet (12/03/2023) a démarré.",
      "Dossier n° 12/03/2023",
      "Van 1 maart 2023 tot 30 juni 2023.",
    ]) {
      expect(scanText(text), text).toEqual([]);
    }
  });
});

describe("the whole scan", () => {
  it("gives every kind in text order, without overlaps", () => {
    const nn = formatted(nationalNumber("850730", "033"));
    const text =
      `Jeune suivi (NN ${nn}), né le 30/07/1985, compte ${grouped(iban("BE", "539007547034"))}, ` +
      "mail jan@example.be, gsm 0475 12 34 56.";
    expect(kinds(text)).toEqual(["NATIONAL_NUMBER", "BIRTH_DATE", "IBAN", "EMAIL", "PHONE"]);
    const matches = scanText(text);
    for (let i = 1; i < matches.length; i += 1) {
      expect(matches[i]!.start).toBeGreaterThanOrEqual(matches[i - 1]!.end);
    }
  });

  it("is deterministic", () => {
    const text = `a@b.be ${nationalNumber("991231", "999")} 02 511 12 34`;
    expect(scanText(text)).toEqual(scanText(text));
  });

  it("stays linear on long hostile inputs", () => {
    const hostile = [
      "a".repeat(200_000),
      "@".repeat(100_000),
      "a@".repeat(100_000),
      "a.".repeat(100_000) + "@",
      "@" + "a-".repeat(100_000),
      "1".repeat(200_000),
      "1 ".repeat(100_000),
      "0.".repeat(100_000),
      "BE68 ".repeat(40_000),
      "Jan Peeters (".repeat(15_000),
      "né le 12/03/".repeat(15_000),
      "+32 ".repeat(50_000),
      "12/03/1985 ".repeat(20_000),
      "Aa ".repeat(70_000) + "(12/03/1985)",
    ];
    for (const text of hostile) {
      const started = performance.now();
      scanText(text);
      expect(performance.now() - started, text.slice(0, 12)).toBeLessThan(1000);
    }
  });

  it("gives nothing for an empty text", () => {
    expect(scanText("")).toEqual([]);
  });
});
