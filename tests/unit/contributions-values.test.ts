// The contributions import's pure parts: header recognition (FR/NL/EN, figure columns),
// channel/link/language aliases, years, measure codes, figure numbers, identifiers as
// compared, the import key's normalisation, and row checks against a hand-made snapshot.
import { describe, expect, it } from "vitest";
import { fieldOfHeader, figureColumnOf } from "~/modules/contributions/columns";
import { importKeyOf } from "~/modules/contributions/key";
import {
  planContributions,
  planOfYear,
  type ContributionSnapshot,
} from "~/modules/contributions/plan";
import { contributionTemplateCsv } from "~/modules/contributions/template";
import {
  channelOf,
  figureValueOf,
  identifierKey,
  linkOf,
  measureCodeOf,
  narrativeLanguageOf,
  yearOf,
} from "~/modules/contributions/values";

describe("headers", () => {
  it("are recognised in English, French and Dutch whatever their case and accents", () => {
    expect(["Année", "annee", "jaar", "YEAR"].map(fieldOfHeader)).toEqual(Array(4).fill("year"));
    expect(["Mesure", "maatregel"].map(fieldOfHeader)).toEqual(["measure", "measure"]);
    expect(["Récit", "verhaal", "narrative"].map(fieldOfHeader)).toEqual(
      Array(3).fill("narrative"),
    );
    expect(fieldOfHeader("montant")).toBeNull();
  });

  it("figure columns carry a label and an optional unit", () => {
    expect(figureColumnOf("figure:Participants")).toEqual({ label: "Participants", unit: "" });
    expect(figureColumnOf("chiffre: Participants [personnes]")).toEqual({
      label: "Participants",
      unit: "personnes",
    });
    expect(figureColumnOf("Cijfer:Deelnemers [personen]")).toEqual({
      label: "Deelnemers",
      unit: "personen",
    });
    expect(figureColumnOf("figure:")).toBe("invalid");
    expect(figureColumnOf("participants")).toBeNull();
  });
});

describe("values", () => {
  it("channels by their report names, ASBL_OTHER being the call-free non-profits", () => {
    expect(channelOf("FSE")).toBe("FSE");
    expect(channelOf("pbpp")).toBe("PBPP");
    expect(channelOf("ASBL_OTHER")).toBe("ASBL_OUTSIDE_CALL");
    expect(channelOf("asbl other")).toBe("ASBL_OUTSIDE_CALL");
    expect(channelOf("ASBL_OUTSIDE_CALL")).toBe("ASBL_OUTSIDE_CALL");
    expect(channelOf("Régional")).toBe("REGIONAL");
    expect(channelOf("bus")).toBeNull();
  });

  it("links in English, French and Dutch", () => {
    expect(["primary", "Principale", "primair"].map(linkOf)).toEqual(Array(3).fill("PRIMARY"));
    expect(["secondary", "secondaire", "secundair"].map(linkOf)).toEqual(
      Array(3).fill("SECONDARY"),
    );
    expect(["other", "autre", "ander"].map(linkOf)).toEqual(Array(3).fill("OTHER"));
    expect(linkOf("sideways")).toBeNull();
  });

  it("languages, years, measure codes, figure numbers", () => {
    expect(["fr", "Français", "nl", "Nederlands"].map(narrativeLanguageOf)).toEqual([
      "fr",
      "fr",
      "nl",
      "nl",
    ]);
    expect([yearOf("2021"), yearOf(2022), yearOf("21"), yearOf("2021.5")]).toEqual([
      2021,
      2022,
      null,
      null,
    ]);
    expect(["4.10", " 4.1 ", "04.10", "4", "4.10.1", "x"].map(measureCodeOf)).toEqual([
      "4.10",
      "4.1",
      "4.10",
      null,
      null,
      null,
    ]);
    expect(
      ["1 234,5", "1.234,5", "1,234.5", "1234.5", "12", "-3", "abc", "1,2,3"].map(figureValueOf),
    ).toEqual([1234.5, 1234.5, 1234.5, 1234.5, 12, -3, null, 123]);
    expect(figureValueOf(7)).toBe(7);
  });

  it("a figure read as thousands by some and as decimals by others is ambiguous, not guessed", () => {
    expect(["1.234", "1,234", "-12.345", "123,456", " 999.000 "].map(figureValueOf)).toEqual([
      "ambiguous",
      "ambiguous",
      "ambiguous",
      "ambiguous",
      "ambiguous",
    ]);
    // Unambiguous: a leading zero, more or fewer than three digits after the mark, both marks,
    // four digits before it, spaces as the thousands, a number cell.
    expect(
      ["0,234", "1,2340", "1,23", "12.5", "1.234,5", "1234.567", "1 234", "1234"].map(
        figureValueOf,
      ),
    ).toEqual([0.234, 1.234, 1.23, 12.5, 1234.5, 1234.567, 1234, 1234]);
    expect(figureValueOf(1.234)).toBe(1.234);
  });

  it("identifiers compare without dots, spaces and the BE prefix", () => {
    expect(identifierKey("0403.170.701")).toBe(identifierKey("BE 0403 170 701"));
    expect(identifierKey("zp-5339")).toBe("zp5339");
  });
});

describe("import key", () => {
  const row = {
    year: 2021,
    organisationId: "o1",
    channel: "FSE" as const,
    measureId: "m1",
    link: "PRIMARY" as const,
    narrative: "Patrouilles  dans le métro.",
    figures: [{ label: "Agents", value: 4, unit: "" }],
  };
  it("ignores white space differences and Unicode forms, not the content", () => {
    const key = importKeyOf(row);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(importKeyOf({ ...row, narrative: " Patrouilles dans le me\u0301tro. " })).toBe(key);
    expect(importKeyOf({ ...row, narrative: "Patrouilles dans le tram." })).not.toBe(key);
    expect(importKeyOf({ ...row, link: "SECONDARY" })).not.toBe(key);
    expect(importKeyOf({ ...row, year: 2022 })).not.toBe(key);
    expect(importKeyOf({ ...row, figures: [{ label: "Agents", value: 5, unit: "" }] })).not.toBe(
      key,
    );
  });
});

describe("row checks", () => {
  const snapshot: ContributionSnapshot = {
    organisations: [
      {
        id: "z1",
        slug: "zp-5339",
        kind: "POLICE_ZONE",
        officialId: "5339",
        nameFr: "Zone A",
        nameNl: "Zone A",
      },
      {
        id: "a1",
        slug: "asbl-x",
        kind: "NON_PROFIT",
        officialId: null,
        nameFr: "Même nom",
        nameNl: "X vzw",
      },
      {
        id: "a2",
        slug: "asbl-y",
        kind: "NON_PROFIT",
        officialId: null,
        nameFr: "Même nom",
        nameNl: "Y vzw",
      },
    ],
    plans: [
      {
        id: "p1",
        code: "PGSP-2021-2024",
        startYear: 2021,
        endYear: 2024,
        status: "ACTIVE",
        measures: [
          { id: "m51", code: "5.1", themeId: "t5" },
          { id: "m410", code: "4.10", themeId: "t4" },
        ],
      },
      { id: "p0", code: "DRAFT", startYear: 2025, endYear: 2028, status: "DRAFT", measures: [] },
    ],
    fundingLinks: [
      { organisationId: "z1", measureId: "m51", startYear: 2021, endYear: 2021, link: "SECONDARY" },
    ],
  };
  const table = (rows: string[][]) => ({
    name: null,
    headers: ["year", "organisation", "channel", "measure", "link"],
    rows: rows.map((cells, i) => ({ line: i + 2, cells })),
  });

  it("the plan of a year is one covering it that is not a draft", () => {
    expect(planOfYear(snapshot.plans, 2022)?.code).toBe("PGSP-2021-2024");
    expect(planOfYear(snapshot.plans, 2026)).toBeNull();
  });

  it("a row without a link takes its funding's link that year, else other", async () => {
    const plan = await planContributions(
      table([
        ["2021", "5339", "FSE", "5.1", ""],
        ["2022", "zp-5339", "FSE", "5.1", ""],
        ["2022", "Zone A", "FSE", "4.10", "primary"],
      ]),
      snapshot,
    );
    expect(plan.errors).toEqual([]);
    expect(plan.entries.map((e) => [e.line, e.organisationId, e.measureCode, e.link])).toEqual([
      [2, "z1", "5.1", "SECONDARY"],
      [3, "z1", "5.1", "OTHER"],
      [4, "z1", "4.10", "PRIMARY"],
    ]);
  });

  it("an ambiguous name, a number as measure code, a measure of no plan", async () => {
    const plan = await planContributions(
      {
        ...table([["2021", "même NOM", "ASBL_CALL", "5.1", ""]]),
        rows: [
          { line: 2, cells: ["2021", "même NOM", "ASBL_CALL", "5.1", ""] },
          { line: 3, cells: [2021, "asbl-x", "ASBL_CALL", 4.1, ""] },
          { line: 4, cells: ["2021", "asbl-x", "ASBL_CALL", "9.9", ""] },
        ],
      },
      snapshot,
    );
    expect(plan.errors.map((e) => [e.line, e.key])).toEqual([
      [2, "errors.ambiguousOrganisation"],
      [3, "errors.measureAsNumber"],
      [4, "errors.unknownMeasure"],
    ]);
  });
});

describe("template", () => {
  it("is headed in the page's language, with a figure column, UTF-8 BOM and ';'", () => {
    const fr = contributionTemplateCsv("fr");
    expect(fr.startsWith("\ufeffannée;organisation;canal;mesure;lien;récit;langue;chiffre:")).toBe(
      true,
    );
    expect(contributionTemplateCsv("nl").split("\r\n")[0]).toBe(
      "\ufeffjaar;organisatie;kanaal;maatregel;band;verhaal;taal;cijfer:Deelnemers [personen]",
    );
  });

  it("holds the header line only: no example row to import as real data", () => {
    for (const lang of ["fr", "nl"] as const)
      expect(contributionTemplateCsv(lang).split("\r\n").slice(1)).toEqual([""]);
  });
});
