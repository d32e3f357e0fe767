// What a dataset entry says (dataset/entry-content.ts): its narrative, figures, channel and link,
// from a submitted section and the questions of the demo template.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  datasetLink,
  figuresOf,
  isContribution,
  narrativeOf,
  otherContributionChannel,
} from "~/modules/dataset/entry-content";
import { templateDefinition } from "~/modules/questionnaires/definition";

const demo = templateDefinition.parse(
  parse(readFileSync("prisma/seed/templates/pgsp-annual-return.yaml", "utf8")),
);
const contribution = demo.sections.find((s) => s.id === "contribution")!.questions;

const answers = {
  status: "partly",
  statusReason: "Le local n'était disponible qu'à partir de mars.",
  actions: "  Ateliers hebdomadaires de prévention dans trois écoles.  ",
  targetPublics: ["youth", "professionals"],
  targetDetails: "",
  partners: "CPAS, maisons de jeunes.",
  startDate: "2022-03-15",
  peopleReached: 438,
  staffFte: 1.5,
  figures: [
    { label: "Ateliers", value: 36, unit: "séances" },
    { label: "Écoles", value: 3, unit: "" },
  ],
  relatedMeasures: ["1.1"],
  documents: null,
};

describe("dataset entry content", () => {
  it("the narrative is the section's written answers in the template's order, one paragraph each", () => {
    expect(narrativeOf(contribution, answers)).toBe(
      [
        "Le local n'était disponible qu'à partir de mars.",
        "Ateliers hebdomadaires de prévention dans trois écoles.",
        "CPAS, maisons de jeunes.",
      ].join("\n\n"),
    );
    // A hidden reason (status done) and empty texts add nothing.
    expect(
      narrativeOf(contribution, { ...answers, status: "done", statusReason: null, partners: "" }),
    ).toBe("Ateliers hebdomadaires de prévention dans trois écoles.");
    expect(narrativeOf(contribution, {})).toBe("");
  });

  it("figures are the number answers, labelled in the answers' language, then the table's rows", () => {
    expect(figuresOf(contribution, answers, "fr")).toEqual([
      { label: "Nombre de personnes touchées", value: 438, unit: "personnes" },
      { label: "Personnel affecté", value: 1.5, unit: "ETP" },
      { label: "Ateliers", value: 36, unit: "séances" },
      { label: "Écoles", value: 3, unit: "" },
    ]);
    expect(figuresOf(contribution, { peopleReached: 12, figures: [] }, "nl")).toEqual([
      { label: "Aantal bereikte personen", value: 12, unit: "personen" },
    ]);
    // An unanswered number is no figure (not a zero).
    expect(figuresOf(contribution, { peopleReached: null, staffFte: null }, "fr")).toEqual([]);
  });

  it("another contribution counts under the organisation's only channel that year, else its kind's", () => {
    expect(otherContributionChannel("NON_PROFIT", ["ASBL_CALL", "ASBL_CALL"])).toBe("ASBL_CALL");
    expect(otherContributionChannel("POLICE_ZONE", ["LISA"])).toBe("LISA");
    // Several channels: the kind decides, so a partner always lands in the same place.
    expect(otherContributionChannel("NON_PROFIT", ["ASBL_CALL", "ASBL_OUTSIDE_CALL"])).toBe(
      "ASBL_OUTSIDE_CALL",
    );
    expect(otherContributionChannel("POLICE_ZONE", ["FSE", "LISA"])).toBe("FSE");
    expect(otherContributionChannel("COMMUNE", [])).toBe("PBPP");
    expect(otherContributionChannel("LISA_ANTENNA", [])).toBe("LISA");
    expect(otherContributionChannel("REGIONAL_BODY", ["PBPP", "REGIONAL"])).toBe("REGIONAL");
  });

  it("links and which sections are contributions", () => {
    expect(datasetLink("FUNDED_MEASURE", "PRIMARY")).toBe("PRIMARY");
    expect(datasetLink("FUNDED_MEASURE", "SECONDARY")).toBe("SECONDARY");
    expect(datasetLink("FUNDED_MEASURE", null)).toBe("PRIMARY");
    expect(datasetLink("OTHER_CONTRIBUTION", "SECONDARY")).toBe("OTHER");
    expect(
      [
        "ORGANISATION",
        "FUNDED_MEASURE",
        "OTHER_CONTRIBUTION",
        "TRANSVERSAL_MISSION",
        "DECLARATION",
      ].filter(isContribution),
    ).toEqual(["FUNDED_MEASURE", "OTHER_CONTRIBUTION"]);
  });
});
