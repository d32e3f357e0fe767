// Publishing an entry through its findings: open and confirmed spans masked, redactions
// replaced by the reviewer's wording, overrides published as written, figure labels and units
// too, and "pending" while a finding is open.
import { describe, expect, it } from "vitest";
import {
  applyFindings,
  findingPlace,
  MASK,
  publishEntry,
  type FindingForPublishing,
} from "~/modules/screening/publish";
import { findingsOfEntry } from "~/modules/screening/record.server";

const narrative = "Contact : jan@example.be ou 0475 12 34 56.";
const email = { start: 10, end: 24 };
const phone = { start: 28, end: 41 };

const finding = (
  span: { start: number; end: number },
  status: FindingForPublishing["status"],
  replacement: string | null = null,
  field = "narrative",
): FindingForPublishing => ({ field, ...span, status, replacement });

describe("publishEntry", () => {
  it("publishes an entry without findings as written, clear", () => {
    expect(narrative.slice(email.start, email.end)).toBe("jan@example.be");
    expect(narrative.slice(phone.start, phone.end)).toBe("0475 12 34 56");
    const figures = [{ label: "Jeunes", value: 12, unit: "personnes" }];
    expect(publishEntry({ narrative, figures }, [])).toEqual({
      narrative,
      figures,
      screening: "clear",
    });
  });

  it("masks open findings and says the entry is pending", () => {
    const published = publishEntry({ narrative, figures: [] }, [
      finding(email, "OPEN"),
      finding(phone, "OPEN"),
    ]);
    expect(published.narrative).toBe(`Contact : ${MASK} ou ${MASK}.`);
    expect(published.narrative).not.toContain("jan@");
    expect(published.screening).toBe("pending");
  });

  it("masks confirmed findings, uses redactions' wording, keeps overrides", () => {
    expect(
      publishEntry({ narrative, figures: [] }, [
        finding(email, "REDACTED", "l'adresse du coordinateur"),
        finding(phone, "CONFIRMED"),
      ]),
    ).toEqual({
      narrative: `Contact : l'adresse du coordinateur ou ${MASK}.`,
      figures: [],
      screening: "clear",
    });
    expect(
      publishEntry({ narrative, figures: [] }, [
        finding(email, "OVERRIDDEN"),
        finding(phone, "OPEN"),
      ]),
    ).toMatchObject({ narrative: `Contact : jan@example.be ou ${MASK}.`, screening: "pending" });
  });

  it("applies findings to the figure they name, by index", () => {
    const figures = [
      { label: "Jeunes", value: 12, unit: "" },
      { label: "Appels au 02 511 12 34", value: 40, unit: null },
    ];
    const published = publishEntry({ narrative: "", figures }, [
      finding({ start: 10, end: 23 }, "CONFIRMED", null, "figure:1"),
    ]);
    expect(published.figures).toEqual([
      { label: "Jeunes", value: 12, unit: "" },
      { label: `Appels au ${MASK}`, value: 40, unit: null },
    ]);
    expect(published.narrative).toBe("");
  });

  it("scans and masks a figure's unit, free text a partner types", () => {
    const figures = [{ label: "Appels", value: 40, unit: "appels au 0475 12 34 56" }];
    const found = findingsOfEntry({ id: "e1", narrative: "", figures });
    expect(found).toEqual([
      expect.objectContaining({
        entryId: "e1",
        field: "figure-unit:0",
        kind: "PHONE",
        start: 10,
        end: 23,
      }),
    ]);
    const open = publishEntry({ narrative: "", figures }, [
      finding({ start: found[0]!.start, end: found[0]!.end }, "OPEN", null, "figure-unit:0"),
    ]);
    expect(open.figures).toEqual([{ label: "Appels", value: 40, unit: `appels au ${MASK}` }]);
    expect(open.screening).toBe("pending");
    const redacted = publishEntry({ narrative: "", figures }, [
      finding({ start: 10, end: 23 }, "REDACTED", "la ligne", "figure-unit:0"),
    ]);
    expect(redacted.figures[0]!.unit).toBe("appels au la ligne");
    expect(redacted.screening).toBe("clear");
  });

  it("names where a finding is: the narrative, a figure's label or its unit", () => {
    expect(findingPlace("narrative")).toEqual({ part: "narrative" });
    expect(findingPlace("figure:3")).toEqual({ part: "label", index: 3 });
    expect(findingPlace("figure-unit:0")).toEqual({ part: "unit", index: 0 });
    for (const bad of ["figure:", "figure:x", "unit:1", "figure-unit:-1"])
      expect(findingPlace(bad), bad).toBeNull();
  });

  it("reads figures as the dataset stores them, anything else as none", () => {
    expect(publishEntry({ narrative: "", figures: null }, []).figures).toEqual([]);
    expect(publishEntry({ narrative: "", figures: [{ value: 3 }] }, []).figures).toEqual([
      { label: "", value: 3 },
    ]);
  });
});

describe("applyFindings", () => {
  it("clamps spans to the text and masks overlapping spans together", () => {
    expect(applyFindings("abc", [finding({ start: 1, end: 99 }, "OPEN")])).toBe(`a${MASK}`);
    expect(
      applyFindings("0123456789", [
        finding({ start: 2, end: 6 }, "OVERRIDDEN"),
        finding({ start: 4, end: 8 }, "CONFIRMED"),
      ]),
    ).toBe(`01${MASK}89`);
    expect(
      applyFindings("0123456789", [
        finding({ start: 2, end: 6 }, "OVERRIDDEN"),
        finding({ start: 4, end: 8 }, "OVERRIDDEN"),
      ]),
    ).toBe("0123456789");
  });

  it("masks a redaction without wording", () => {
    expect(applyFindings("abc", [finding({ start: 0, end: 1 }, "REDACTED", " ")])).toBe(
      `${MASK}bc`,
    );
  });
});
