import { describe, expect, it } from "vitest";
import { contacts } from "../../prisma/seed/data/contacts";
import { fundings } from "../../prisma/seed/data/fundings";
import { organisations } from "../../prisma/seed/data/organisations";
import { pgsp20212024 } from "../../prisma/seed/data/plan-pgsp-2021-2024";

describe("PGSP 2021-2024 reference data", () => {
  it("has 9 themes of sizes 9, 8, 9, 10, 7, 9, 8, 8, 9 with codes theme.n", () => {
    expect(pgsp20212024.themes.map((t) => t.measures.length)).toEqual([9, 8, 9, 10, 7, 9, 8, 8, 9]);
    for (const theme of pgsp20212024.themes) {
      theme.measures.forEach((m, i) => expect(m.code).toBe(`${theme.code}.${i + 1}`));
    }
  });

  it("flags the annex defects and fixes measure 1.3", () => {
    const all = pgsp20212024.themes.flatMap((t) => t.measures);
    const byCode = new Map(all.map((m) => [m.code, m]));
    expect(all.filter((m) => m.textToVerify).map((m) => m.code)).toEqual(["1.3", "8.6", "8.7"]);
    expect(byCode.get("1.3")!.title.fr).not.toBe(byCode.get("1.2")!.title.fr);
    expect(byCode.get("1.3")!.title.fr.toLowerCase()).toContain("contrôles d'identité");
    expect(byCode.get("8.6")!.title.fr).toBe(byCode.get("8.7")!.title.fr);
    for (const m of all) {
      expect(m.title.fr.length).toBeGreaterThan(20);
      expect(m.title.nl.length).toBeGreaterThan(20);
    }
  });
});

describe("partners and demo data", () => {
  const keys = new Set(organisations.map((o) => o.key));

  it("has 6 police zones 5339-5344 and 19 communes 21001-21019", () => {
    const zones = organisations.filter((o) => o.kind === "POLICE_ZONE").map((o) => o.officialId);
    expect(zones.sort()).toEqual(["5339", "5340", "5341", "5342", "5343", "5344"]);
    const nis = organisations.filter((o) => o.kind === "COMMUNE").map((o) => o.officialId);
    expect(nis.sort()).toEqual(Array.from({ length: 19 }, (_, i) => String(21001 + i)));
    const covered = organisations.flatMap((o) => o.coveredCommunesNis ?? []);
    expect(new Set(covered).size).toBe(19);
    expect(organisations.filter((o) => o.kind === "NON_PROFIT").length).toBeGreaterThanOrEqual(20);
  });

  it("links every funding to existing organisations and measures", () => {
    const measureCodes = new Set(pgsp20212024.themes.flatMap((t) => t.measures.map((m) => m.code)));
    for (const f of fundings) {
      expect(keys.has(f.organisationKey), f.organisationKey).toBe(true);
      for (const m of f.measures) expect(measureCodes.has(m.code), m.code).toBe(true);
    }
  });

  it("follows the report: zone 5339 → 8.8 in 2021, every zone → 5.1 and 6.1 from 2022", () => {
    const zp5339 = fundings.filter((f) => f.organisationKey === "zp-5339" && f.startYear === 2021);
    expect(zp5339.flatMap((f) => f.measures.map((m) => m.code))).toContain("8.8");
    const fse2022 = fundings.filter((f) => f.channel === "FSE" && f.startYear >= 2022);
    expect(new Set(fse2022.map((f) => f.organisationKey)).size).toBe(6);
    for (const f of fse2022) {
      const primary = f.measures.filter((m) => m.link === "PRIMARY").map((m) => m.code);
      expect(primary).toEqual(expect.arrayContaining(["5.1", "6.1"]));
    }
  });

  it("uses fictional @example.org contacts only", () => {
    for (const c of contacts) expect(c.email).toMatch(/^[a-z0-9.-]+@example\.org$/);
    expect(new Set(contacts.map((c) => c.email)).size).toBe(contacts.length);
  });
});
