// A date question's bounds are stored as ISO dates ("2023-01-01"); the error a partner reads
// writes them as the date field shows dates (01/01/2023), in French and in Dutch, both next to
// the field and in the error summary.
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "~/modules/i18n/format";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import { checkAnswers } from "~/modules/questionnaires/check-answers";
import { ErrorSummaryList } from "~/modules/questionnaires/components/error-summary-list";
import { ErrorText } from "~/modules/questionnaires/components/field-parts";
import type { Question } from "~/modules/questionnaires/definition";

function render(lang: Language, element: ReactElement) {
  return renderToStaticMarkup(
    h(TranslatorContext, { value: createTranslator(lang, resources[lang]) }, element),
  ).replace(/&nbsp;|\u00a0|\u202f/g, " ");
}

const questions = [
  {
    id: "start",
    kind: "date",
    label: { fr: "Début", nl: "Begin" },
    required: false,
    min: "2023-01-01",
    max: "2023-12-31",
  },
] as unknown as Question[];

const errorFor = (typed: string) => {
  const { errors } = checkAnswers(questions, { start: typed }, { measureCodes: new Set() });
  expect(errors).toHaveLength(1);
  return errors[0]!.message;
};

describe("a date outside a date question's bounds", () => {
  it("names the bound as dd/mm/yyyy in French", () => {
    const tooEarly = errorFor("31/12/2022");
    expect(render("fr", h(ErrorText, { id: "e", message: tooEarly }))).toContain(
      "La date doit être le 01/01/2023 ou après",
    );
    const tooLate = { start: errorFor("2024-01-05") };
    expect(render("fr", h(ErrorSummaryList, { errors: tooLate, questions, lang: "fr" }))).toContain(
      "Début : La date doit être le 31/12/2023 ou avant",
    );
  });

  it("names the bound as dd/mm/yyyy in Dutch", () => {
    const tooEarly = errorFor("2022-12-31");
    expect(render("nl", h(ErrorText, { id: "e", message: tooEarly }))).toContain(
      "De datum moet op of na 01/01/2023 liggen",
    );
    const tooLate = { start: errorFor("05/01/2024") };
    expect(render("nl", h(ErrorSummaryList, { errors: tooLate, questions, lang: "nl" }))).toContain(
      "Begin: De datum moet op of voor 31/12/2023 liggen",
    );
  });

  it("never shows the ISO form", () => {
    for (const lang of ["fr", "nl"] as const) {
      const html = render(lang, h(ErrorText, { id: "e", message: errorFor("2022-06-01") }));
      expect(html).not.toContain("2023-01-01");
    }
  });
});

describe("formatCalendarDate", () => {
  it("writes the day the ISO date names, whatever the time zone, and leaves other text alone", () => {
    expect(formatCalendarDate("2023-03-05", "fr")).toBe("05/03/2023");
    expect(formatCalendarDate("2023-03-05", "nl")).toBe("05/03/2023");
    expect(formatCalendarDate("2023-12-31", "nl")).toBe("31/12/2023");
    expect(formatCalendarDate("not a date", "fr")).toBe("not a date");
  });
});
