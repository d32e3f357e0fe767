import { describe, expect, it } from "vitest";
import type { Question } from "~/modules/questionnaires/definition";
import {
  chosenMeasureCodes,
  measurePickerAt,
  measuresAt,
  withMeasuresAt,
} from "~/modules/questionnaires/measure-choice";

const label = { fr: "Question", nl: "Vraag" };
const questions = [
  { id: "actions", kind: "longText", label, required: false, maxLength: 100 },
  { id: "related", kind: "measurePicker", label, required: false, multiple: true },
  { id: "main", kind: "measurePicker", label, required: false, multiple: false },
  {
    id: "activities",
    kind: "repeatableGroup",
    label,
    itemLabel: label,
    required: false,
    minItems: 0,
    maxItems: 3,
    questions: [
      { id: "name", kind: "shortText", label, required: false, maxLength: 50 },
      { id: "measures", kind: "measurePicker", label, required: false, multiple: true },
    ],
  },
] as unknown as Question[];

describe("a measure picker named by its form field", () => {
  it("finds top-level and grouped pickers, and nothing else", () => {
    expect(measurePickerAt(questions, "related")?.path).toEqual(["related"]);
    expect(measurePickerAt(questions, "activities.2.measures")?.path).toEqual([
      "activities",
      2,
      "measures",
    ]);
    for (const field of [
      "actions",
      "activities",
      "activities.3.measures", // beyond maxItems
      "activities.x.measures",
      "activities.0.name",
      "related.0.x",
      "",
      "unknown",
    ])
      expect(measurePickerAt(questions, field)).toBeNull();
  });

  it("reads and replaces one picker's answer, leaving the rest as it was", () => {
    const answers = {
      actions: "Texte",
      related: ["1.1"],
      main: "2.2",
      activities: [{ name: "A", measures: ["3.1"] }],
    };
    const related = measurePickerAt(questions, "related")!;
    const main = measurePickerAt(questions, "main")!;
    const second = measurePickerAt(questions, "activities.1.measures")!;
    expect(measuresAt(answers, related)).toEqual(["1.1"]);
    expect(measuresAt(answers, main)).toEqual(["2.2"]);
    expect(measuresAt(answers, second)).toEqual([]);
    expect(withMeasuresAt(answers, related, ["4.1", "5.2"])).toEqual({
      ...answers,
      related: ["4.1", "5.2"],
    });
    expect(withMeasuresAt(answers, main, ["6.1"]).main).toBe("6.1");
    expect(withMeasuresAt(answers, main, []).main).toBe("");
    expect(withMeasuresAt(answers, second, ["7.5"]).activities).toEqual([
      { name: "A", measures: ["3.1"] },
      { measures: ["7.5"] },
    ]);
    // The input is not changed in place.
    expect(answers.activities).toEqual([{ name: "A", measures: ["3.1"] }]);
  });

  it("collects every chosen code, grouped pickers included", () => {
    const codes = chosenMeasureCodes(questions, {
      actions: "1.1",
      related: ["1.2", "1.3"],
      main: "2.1",
      activities: [{ measures: ["3.1"] }, { name: "B" }, { measures: ["1.2"] }],
    });
    expect([...codes].sort()).toEqual(["1.2", "1.3", "2.1", "3.1"]);
  });
});
