// The staff template page states each question's constraints in words, in the page language,
// with numbers and dates as that language writes them and choices by their label.
import { describe, expect, it } from "vitest";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { question, type Question } from "~/modules/questionnaires/definition";
import { questionRules } from "~/modules/questionnaires/question-rules";

const label = (text: string) => ({ fr: text, nl: text });
const questions = [
  {
    id: "mode",
    kind: "singleChoice",
    label: label("Mode"),
    choices: [
      { value: "street", label: { fr: "En rue", nl: "Op straat" } },
      { value: "office", label: { fr: "Au bureau", nl: "Op kantoor" } },
    ],
  },
  {
    id: "people",
    kind: "integer",
    label: label("Personnes"),
    min: 1,
    max: 12500,
    visibleWhen: { question: "mode", equals: ["street", "office"] },
  },
  { id: "start", kind: "date", label: label("Début"), min: "2023-01-01" },
].map((q): Question => question.parse(q));

function rules(lang: Language, id: string) {
  const t = createTranslator(lang, resources[lang]).fixedT(["templates", "returns"]);
  return questionRules(
    questions.find((q) => q.id === id)!,
    questions,
    t,
    lang,
  );
}

describe("questionRules", () => {
  it("says when a question shows, naming the choices by their label", () => {
    expect(rules("fr", "people")[0]).toBe(
      "Affichée seulement si la réponse à « Mode » est « En rue » ou « Au bureau »",
    );
    expect(rules("nl", "people")[0]).toBe(
      "Alleen getoond als het antwoord op ‘Mode’ ‘Op straat’ of ‘Op kantoor’ is",
    );
  });

  it("writes bounds and dates as the page language does", () => {
    expect(rules("fr", "people").slice(1)).toEqual(["Minimum : 1", "Maximum : 12\u202f500"]);
    expect(rules("nl", "people").slice(1)).toEqual(["Minimum: 1", "Maximum: 12.500"]);
    expect(rules("fr", "start")).toEqual(["Pas avant le 1 janvier 2023"]);
  });

  it("lists a choice question's choices with their stored values", () => {
    expect(rules("nl", "mode")).toEqual(["Keuzes: Op straat (street), Op kantoor (office)"]);
  });
});
