import { describe, expect, it } from "vitest";
import type { Question } from "~/modules/questionnaires/definition";
import { parseNumber } from "~/modules/questionnaires/typed-values";
import { rawFromChecked } from "~/modules/review/answers-as-sent";
import {
  diffFigures,
  diffSection,
  diffSubmissions,
  diffWords,
  sameValue,
  type TextPart,
} from "~/modules/review/diff";

const label = { fr: "Q", nl: "V" };
const questions = [
  { id: "name", kind: "shortText", label, required: false, maxLength: 200 },
  { id: "story", kind: "longText", label, required: false, maxLength: 5000 },
  { id: "people", kind: "integer", label, required: false },
  { id: "youth", kind: "yesNo", label, required: false },
  { id: "figures", kind: "figuresTable", label, required: false, maxRows: 20 },
  { id: "files", kind: "attachments", label, required: false, maxFiles: 5 },
  {
    id: "actions",
    kind: "repeatableGroup",
    label,
    required: false,
    itemLabel: label,
    minItems: 0,
    maxItems: 10,
    questions: [{ id: "what", kind: "shortText", label, required: false, maxLength: 200 }],
  },
] as Question[];

const joined = (parts: TextPart[], side: "before" | "after") =>
  parts
    .filter((p) => p.op === "same" || p.op === (side === "before" ? "removed" : "added"))
    .map((p) => p.text)
    .join("");

describe("word differences", () => {
  it("marks the words removed and added, the rest kept", () => {
    expect(diffWords("Nous avons touché 40 jeunes.", "Nous avons touché 55 jeunes.")).toEqual([
      { op: "same", text: "Nous avons touché " },
      { op: "removed", text: "40" },
      { op: "added", text: "55" },
      { op: "same", text: " jeunes." },
    ]);
  });

  it("a phrase rewritten reads as one replacement, not word by word", () => {
    expect(diffWords("le chat noir dort", "le chien blanc dort")).toEqual([
      { op: "same", text: "le " },
      { op: "removed", text: "chat noir" },
      { op: "added", text: "chien blanc" },
      { op: "same", text: " dort" },
    ]);
  });

  it("gives the new text back exactly, line breaks included, and the old one but for spaces", () => {
    const before = "Eerste alinea.\n\nTweede alinea met  twee spaties.\nEinde";
    const after = "Eerste alinea, herschreven.\n\nTweede alinea met twee spaties.\nNieuw einde";
    const parts = diffWords(before, after);
    expect(joined(parts, "after")).toBe(after);
    expect(joined(parts, "before").replace(/\s+/g, " ")).toBe(before.replace(/\s+/g, " "));
    expect(parts).toEqual([
      { op: "same", text: "Eerste " },
      { op: "removed", text: "alinea." },
      { op: "added", text: "alinea, herschreven." },
      { op: "same", text: "\n\nTweede alinea met twee spaties.\n" },
      { op: "removed", text: "Einde" },
      { op: "added", text: "Nieuw einde" },
    ]);
  });

  it("a change of spaces alone is no change", () => {
    expect(diffWords("un  deux\ntrois", "un deux trois")).toEqual([
      { op: "same", text: "un deux trois" },
    ]);
  });

  it("a text added or emptied is all added or all removed", () => {
    expect(diffWords("", "Nouveau texte")).toEqual([{ op: "added", text: "Nouveau texte" }]);
    expect(diffWords("Ancien texte", "")).toEqual([{ op: "removed", text: "Ancien texte" }]);
  });

  it("long texts rewritten throughout are compared word by word, longer ones replaced whole", () => {
    const text = (seed: number, n: number) =>
      Array.from({ length: n }, (_, i) => `mot${(i * seed) % 97}`).join(" ");
    for (const n of [1200, 5000]) {
      const parts = diffWords(text(7, n), text(13, n));
      expect(joined(parts, "before").replace(/\s+/g, " ")).toBe(text(7, n));
      expect(joined(parts, "after")).toBe(text(13, n));
      // Word by word: many runs; replaced whole: one removal and one addition.
      expect(parts.filter((p) => p.op !== "same").length > 2).toBe(n === 1200);
    }
  });
});

describe("figures", () => {
  it("matches rows by label: old → new, rows added and removed, a unit changed", () => {
    expect(
      diffFigures(
        [
          { label: "Jeunes", value: 40, unit: "personnes" },
          { label: "Ateliers", value: 12, unit: "séances" },
          { label: "Parents", value: 8, unit: "personnes" },
        ],
        [
          { label: "Ateliers", value: 12, unit: "séances" },
          { label: " Jeunes ", value: 55, unit: "personnes" },
          { label: "Heures", value: 30, unit: "h" },
          { label: "Parents", value: 8, unit: "familles" },
        ],
      ),
    ).toEqual([
      { label: " Jeunes ", unit: "personnes", before: 40, after: 55 },
      { label: "Heures", unit: "h", before: null, after: 30 },
      { label: "Parents", unit: "familles", before: 8, after: 8, unitBefore: "personnes" },
    ]);
  });

  it("a row gone is listed with no new value; the same label twice is matched in order", () => {
    expect(
      diffFigures(
        [
          { label: "Séances", value: 3, unit: "" },
          { label: "Séances", value: 5, unit: "" },
          { label: "Bénévoles", value: 2, unit: "" },
        ],
        [
          { label: "Séances", value: 3, unit: "" },
          { label: "Séances", value: 6, unit: "" },
        ],
      ),
    ).toEqual([
      { label: "Séances", unit: "", before: 5, after: 6 },
      { label: "Bénévoles", unit: "", before: 2, after: null },
    ]);
  });
});

describe("a section's changes", () => {
  const files = [
    { id: "f1", fileName: "rapport.pdf" },
    { id: "f2", fileName: "photos.pdf" },
  ];

  it("lists only what changed, question by question in the template's order", () => {
    const before = {
      answers: {
        name: "Projet Ados",
        story: "Nous avons touché 40 jeunes.",
        people: 40,
        youth: true,
        figures: [{ label: "Jeunes", value: 40, unit: "personnes" }],
        files: ["f1"],
        actions: [{ what: "Atelier" }, { what: "Sortie" }],
      },
      attachments: [files[0]!],
    };
    const after = {
      answers: {
        // jsonb gives keys back in its own order: the same answers in another order are equal.
        actions: [{ what: "Atelier" }, { what: "Sortie au musée" }, { what: "Fête" }],
        files: ["f2"],
        figures: [{ unit: "personnes", value: 55, label: "Jeunes" }],
        youth: false,
        people: 55,
        story: "Nous avons touché 55 jeunes.",
        name: "Projet Ados",
      },
      attachments: [files[1]!],
    };
    const changes = diffSection(before, after, questions);
    expect(changes.map((c) => c.questionId)).toEqual([
      "story",
      "people",
      "youth",
      "figures",
      "files",
      "actions",
    ]);
    expect(changes).toContainEqual({ kind: "value", questionId: "people", before: 40, after: 55 });
    expect(changes).toContainEqual({
      kind: "value",
      questionId: "youth",
      before: true,
      after: false,
    });
    expect(changes).toContainEqual({
      kind: "files",
      questionId: "files",
      added: [files[1]],
      removed: [files[0]],
    });
    expect(changes).toContainEqual({
      kind: "group",
      questionId: "actions",
      items: [
        {
          index: 1,
          status: "changed",
          changes: [
            {
              kind: "text",
              questionId: "what",
              parts: [
                { op: "same", text: "Sortie " },
                { op: "added", text: "au musée" },
              ],
            },
          ],
        },
        { index: 2, status: "added", changes: [] },
      ],
    });
  });

  it("an answer left empty both times, or emptied in another way, is no change", () => {
    expect(
      diffSection(
        { answers: { name: null, figures: [], files: [] }, attachments: [] },
        { answers: { name: "", figures: [] }, attachments: [] },
        questions,
      ),
    ).toEqual([]);
    expect(sameValue({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameValue(0, null)).toBe(false);
    expect(sameValue(false, null)).toBe(false);
  });
});

describe("a submission's sections", () => {
  it("says which sections changed, were added or removed, or stayed as they were", () => {
    const section = (sectionId: string, name: string) => ({
      sectionId,
      templateSection: "block",
      answers: { name },
      attachments: [],
    });
    const result = diffSubmissions(
      [section("org", "A"), section("m1", "B"), section("gone", "C")],
      [section("org", "A"), section("m1", "B2"), section("new", "D")],
      () => questions,
    );
    expect(result).toEqual([
      { sectionId: "org", status: "unchanged", changes: [] },
      {
        sectionId: "m1",
        status: "changed",
        changes: [
          {
            kind: "text",
            questionId: "name",
            parts: [
              { op: "removed", text: "B" },
              { op: "added", text: "B2" },
            ],
          },
        ],
      },
      { sectionId: "new", status: "added", changes: [] },
      { sectionId: "gone", status: "removed", changes: [] },
    ]);
  });
});

describe("answers as sent, for the answer summary", () => {
  it("writes numbers with a decimal comma, yes/no, figures and groups as the summary reads them", () => {
    const raw = rawFromChecked(questions, {
      name: "Projet Ados",
      people: 100.125,
      youth: false,
      figures: [{ label: "Heures", value: 1250.5, unit: "h" }],
      files: ["f1"],
      actions: [{ what: "Atelier" }],
    });
    expect(raw).toEqual({
      name: "Projet Ados",
      people: "100,125",
      youth: "no",
      figures: [{ label: "Heures", value: "1250,5", unit: "h" }],
      files: ["f1"],
      actions: [{ what: "Atelier" }],
    });
    // Read back as typed: a dot before three digits would be a thousands separator.
    expect(parseNumber(String(raw.people))).toBe(100.125);
    expect(parseNumber("100.125")).toBe(100125);
  });
});
