// Official identifiers (directory/identifiers.ts): the ways people write them are accepted and
// stored in one form; wrong lengths, non-Brussels numbers and bad check digits are refused with
// their own reason. Plus the euro amounts of the funding form.
import { describe, expect, it } from "vitest";
import {
  BRUSSELS_COMMUNE_NIS,
  identifierKindOf,
  parseEnterpriseNumber,
  parseNisCode,
  parsePoliceZone,
} from "~/modules/directory/identifiers";
import { parseEuroCents } from "~/modules/directory/schema";

describe("police zone numbers", () => {
  it.each([
    ["5339", "5339"],
    ["ZP 5340", "5340"],
    ["pz5344", "5344"],
    [" 5 341 ", "5341"],
  ])("%s → %s", (input, value) => {
    expect(parsePoliceZone(input)).toEqual({ ok: true, value });
  });
  it.each([
    ["533", "format"],
    ["53390", "format"],
    ["ZP-53a9", "format"],
    ["5338", "notBrussels"],
    ["5345", "notBrussels"],
    ["5415", "notBrussels"],
  ])("%s is refused (%s)", (input, error) => {
    expect(parsePoliceZone(input)).toEqual({ ok: false, error });
  });
});

describe("NIS codes", () => {
  it("the 19 Brussels communes are 21001 to 21019", () => {
    expect(BRUSSELS_COMMUNE_NIS).toHaveLength(19);
    expect(BRUSSELS_COMMUNE_NIS[0]).toBe("21001");
    expect(BRUSSELS_COMMUNE_NIS[18]).toBe("21019");
  });
  it.each([
    ["21004", "21004"],
    ["21 004", "21004"],
    ["21.019", "21019"],
  ])("%s → %s", (input, value) => {
    expect(parseNisCode(input)).toEqual({ ok: true, value });
  });
  it.each([
    ["2100", "format"],
    ["210011", "format"],
    ["21000", "notBrussels"],
    ["21020", "notBrussels"],
    ["11002", "notBrussels"],
  ])("%s is refused (%s)", (input, error) => {
    expect(parseNisCode(input)).toEqual({ ok: false, error });
  });
});

describe("enterprise numbers (mod 97)", () => {
  it.each([
    // 97 − (04031707 mod 97) = 01
    ["0403.170.701", "0403.170.701"],
    ["BE 0403 170 701", "0403.170.701"],
    ["be0403170701", "0403.170.701"],
    // The old nine-digit form gets its leading zero.
    ["403.170.701", "0403.170.701"],
    // A number starting with 1: 97 − (10000000 mod 97) = 21
    ["1000.000.021", "1000.000.021"],
    // 97 − (08 mod 97) = 89
    ["0000.000.889", "0000.000.889"],
  ])("%s → %s", (input, value) => {
    expect(parseEnterpriseNumber(input)).toEqual({ ok: true, value });
  });
  it.each([
    ["0403.170.702", "checksum"],
    ["0403.170.710", "checksum"],
    ["2403.170.701", "format"],
    ["0403.170.70", "checksum"],
    ["0403.170.7011", "format"],
    ["ABCD.EFG.HIJ", "format"],
  ])("%s is refused (%s)", (input, error) => {
    expect(parseEnterpriseNumber(input)).toEqual({ ok: false, error });
  });
  it("a multiple of 97 has check digits 97, not 00", () => {
    // 97 × 100000 = 09700000: 97 − 0 = 97
    expect(parseEnterpriseNumber("0097.000.097")).toEqual({ ok: true, value: "0097.000.097" });
    expect(parseEnterpriseNumber("0097.000.000")).toEqual({ ok: false, error: "checksum" });
  });
});

describe("which identifier an organisation carries", () => {
  it("zones a zone number, communes a NIS code, antennas none, others an enterprise number", () => {
    expect(identifierKindOf("POLICE_ZONE")).toBe("POLICE_ZONE");
    expect(identifierKindOf("COMMUNE")).toBe("COMMUNE");
    expect(identifierKindOf("LISA_ANTENNA")).toBeNull();
    expect(identifierKindOf("REGIONAL_BODY")).toBe("ENTERPRISE");
    expect(identifierKindOf("NON_PROFIT")).toBe("ENTERPRISE");
  });
});

describe("euro amounts", () => {
  it.each([
    ["12500", 1_250_000],
    ["12 500", 1_250_000],
    ["12.500", 1_250_000],
    ["12 500,50", 1_250_050],
    ["12.500,5", 1_250_050],
    ["12500.75", 1_250_075],
    ["12 500 €", 1_250_000],
    ["", null],
  ])("%s → %s cents", (input, cents) => {
    expect(parseEuroCents(input)).toBe(cents);
  });
  it.each(["12,5,0", "douze", "-5", "1.2.3,4,5", "12,345"])("%s is refused", (input) => {
    expect(parseEuroCents(input)).toBe("invalid");
  });
});
