// A figure's number follows one rule (questionnaires/figure-value.ts) in a partner's return
// (a figures table row) and in the historical import (a figure column): 0 or more, at most
// MAX_FIGURE_VALUE. Each refusal says why, in French and in Dutch, the bound written as the
// language groups digits.
import { describe, expect, it } from "vitest";
import { errorParams } from "~/modules/contributions/errors";
import { planContributions, type ContributionSnapshot } from "~/modules/contributions/plan";
import { getFixedT } from "~/modules/i18n/i18n.server";
import { shownAsData } from "~/modules/i18n/keys";
import { answerErrorText } from "~/modules/questionnaires/answer-errors";
import { checkAnswers } from "~/modules/questionnaires/check-answers";
import type { Question } from "~/modules/questionnaires/definition";
import { figureValueProblem, MAX_FIGURE_VALUE } from "~/modules/questionnaires/figure-value";

/** Spaces as a reader sees them: Intl groups French digits with a narrow no-break space. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

const figuresQuestion = [
  {
    id: "figures",
    kind: "figuresTable",
    label: { fr: "Chiffres", nl: "Cijfers" },
    required: false,
    maxRows: 20,
  },
] as unknown as Question[];

function returnFormErrors(values: string[]) {
  const rows = values.map((value) => ({ label: "Participants", value, unit: "personnes" }));
  return checkAnswers(figuresQuestion, { figures: rows }, { measureCodes: new Set() }).errors;
}

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
        { id: "m52", code: "5.2", themeId: "t5" },
        { id: "m53", code: "5.3", themeId: "t5" },
        { id: "m54", code: "5.4", themeId: "t5" },
        { id: "m55", code: "5.5", themeId: "t5" },
      ],
    },
  ],
  fundingLinks: [],
};

function importOf(values: (string | number)[]) {
  return planContributions(
    {
      name: null,
      headers: ["year", "organisation", "channel", "measure", "figure:Participants [personnes]"],
      rows: values.map((value, i) => ({
        line: i + 2,
        cells: ["2021", "5339", "FSE", `5.${i + 1}`, value],
      })),
    },
    snapshot,
  );
}

describe("a figure's number", () => {
  it("is 0 or more, up to the maximum", () => {
    expect([0, 12.5, MAX_FIGURE_VALUE].map(figureValueProblem)).toEqual([null, null, null]);
    expect([-5, -0.0001, MAX_FIGURE_VALUE + 1, 1e20].map(figureValueProblem)).toEqual([
      "min",
      "min",
      "max",
      "max",
    ]);
  });

  it("the return form refuses below 0 and above the maximum, the bound grouped FR/NL", () => {
    const errors = returnFormErrors(["-5", "99999999999999999999", "1 000 000 000 000", "12,5"]);
    expect(errors).toEqual([
      { path: ["figures", 0, "value"], message: "errors.min?min=0" },
      { path: ["figures", 1, "value"], message: `errors.max?max=${MAX_FIGURE_VALUE}` },
    ]);
    const say = (lang: "fr" | "nl") => {
      const t = getFixedT(lang, "returns");
      return plain(
        answerErrorText(errors[1]!.message, lang, (key, params) =>
          t(key as "errors.max", { ...shownAsData(key), ...params }),
        ),
      );
    };
    expect(say("fr")).toBe("Indiquez un nombre égal ou inférieur à 1 000 000 000 000");
    expect(say("nl")).toBe("Geef een getal op dat gelijk is aan of kleiner dan 1.000.000.000.000");
  });

  it("the import refuses what the return form refuses, at the figure's line and column", async () => {
    const plan = await importOf(["-5", "99999999999999999999", -3, 1e20, "12,5"]);
    expect(plan.errors.map((e) => [e.line, e.column, e.key])).toEqual([
      [2, "figure:Participants [personnes]", "errors.figureNegative"],
      [3, "figure:Participants [personnes]", "errors.figureTooLarge"],
      [4, "figure:Participants [personnes]", "errors.figureNegative"],
      [5, "figure:Participants [personnes]", "errors.figureTooLarge"],
    ]);
    // As in a return, decimals are figures: 12,5 is imported.
    expect(plan.entries.map((e) => e.figures)).toEqual([
      [{ label: "Participants", value: 12.5, unit: "personnes" }],
    ]);

    const message = (lang: "fr" | "nl", index: number) => {
      const error = plan.errors[index]!;
      return plain(
        getFixedT(lang, "contributions")(error.key, {
          ...shownAsData(error.key),
          ...errorParams(error, lang),
        }),
      );
    };
    expect(message("fr", 0)).toBe(
      "« -5 » est négatif : un chiffre est un nombre égal ou supérieur à 0.",
    );
    expect(message("fr", 1)).toBe(
      "« 99999999999999999999 » est trop grand : un chiffre est un nombre égal ou inférieur à 1 000 000 000 000.",
    );
    expect(message("nl", 1)).toBe(
      "‘99999999999999999999’ is te groot: een cijfer is een getal gelijk aan of kleiner dan 1.000.000.000.000.",
    );
  });
});
