// FR/NL polish (issue 7): what a reader sees in each language, rendered on the server.
import { readFileSync } from "node:fs";
import { createElement as h, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { pgsp20212024 } from "../../prisma/seed/data/plan-pgsp-2021-2024";
import { DEFAULT_TEMPLATE_FILE } from "../../prisma/seed/returns";
import nlPartners from "../../locales/nl/partners.json";
import { MemoryRouter } from "react-router";
import { FundingList } from "~/components/funding-list";
import { SectionHeading, splitLongTitle } from "~/components/return-header";
import { ErrorSummary, ErrorSummaryBox } from "~/components/ui/error-summary";
import { DeadlineTag, StatusTag, ToVerifyTag } from "~/components/ui/tags";
import { sentLateMarker } from "~/modules/returns/status";
import { createTranslator } from "~/modules/i18n/translator";
import { TranslatorContext } from "~/modules/i18n/use-t";
import type { Language } from "~/modules/i18n/languages";
import { resources } from "~/modules/i18n/resources";
import { planCode } from "~/modules/plan/codes";
import { withDeclarant } from "~/modules/returns/declaration";
import { checkAnswers } from "~/modules/questionnaires/check-answers";
import { AnswerSummary } from "~/modules/questionnaires/components/answer-summary";
import { FiguresTableField } from "~/modules/questionnaires/components/complex-fields";
import { ErrorSummaryList } from "~/modules/questionnaires/components/error-summary-list";
import type { Question } from "~/modules/questionnaires/definition";
import { parseTemplateFile } from "~/modules/questionnaires/template-file.server";

function render(lang: Language, element: ReactElement) {
  return renderToStaticMarkup(
    h(TranslatorContext, { value: createTranslator(lang, resources[lang]) }, element),
  ).replace(/&nbsp;|\u00a0|\u202f/g, " ");
}

const label = (fr: string, nl: string) => ({ fr, nl });

const questions = [
  { id: "count", kind: "integer", label: label("Participants", "Deelnemers"), required: false },
  { id: "start", kind: "date", label: label("Début", "Begin"), required: false },
  {
    id: "people",
    kind: "repeatableGroup",
    label: label("Personnes", "Personen"),
    required: false,
    minItems: 0,
    maxItems: 5,
    itemLabel: label("Personne", "Persoon"),
    questions: [
      {
        id: "name",
        kind: "shortText",
        label: label("Nom et prénom", "Naam en voornaam"),
        required: false,
        maxLength: 200,
      },
    ],
  },
] as unknown as Question[];

describe("answer summary", () => {
  const raw = { count: "1250", start: "2023-03-15", people: [{ name: "An Peeters" }] };

  it("writes numbers and dates the French way on French pages", () => {
    const html = render("fr", h(AnswerSummary, { questions, raw, lang: "fr", measures: [] }));
    expect(html).toContain("1 250");
    expect(html).toContain("15 mars 2023");
    expect(html).not.toContain("2023-03-15");
    expect(html).toContain("Nom et prénom :");
  });

  it("writes numbers and dates the Dutch way, with no space before the colon", () => {
    const html = render("nl", h(AnswerSummary, { questions, raw, lang: "nl", measures: [] }));
    expect(html).toContain("1.250");
    expect(html).toContain("15 maart 2023");
    expect(html).toContain("Naam en voornaam:");
    expect(html).not.toMatch(/ :/);
  });
});

describe("section error summary", () => {
  it("joins the question and the message without the French space in Dutch", () => {
    const errors = { count: "errors.integer" };
    const nl = render("nl", h(ErrorSummaryList, { errors, questions, lang: "nl" }));
    expect(nl).toContain("Deelnemers: Geef een geheel getal op");
    const fr = render("fr", h(ErrorSummaryList, { errors, questions, lang: "fr" }));
    expect(fr).toContain("Participants : Indiquez un nombre entier");
  });
});

describe("required multiple choice", () => {
  it("asks to tick at least one answer", () => {
    const q = [
      {
        id: "kinds",
        kind: "multipleChoice",
        label: label("Publics", "Doelgroepen"),
        required: true,
        choices: [{ value: "a", label: label("A", "A") }],
      },
    ] as unknown as Question[];
    const { errors } = checkAnswers(q, {}, { measureCodes: new Set() } as never);
    expect(errors.map((e) => e.message)).toEqual(["errors.choicesRequired"]);
    const tr = (lang: Language) =>
      createTranslator(lang, resources[lang]).fixedT("returns")("errors.choicesRequired");
    expect(tr("fr")).toBe("Cochez au moins une réponse");
    expect(tr("nl")).toBe("Vink minstens één antwoord aan");
  });
});

describe("date answers", () => {
  it("accept the day/month/year the field shows and keep ISO", () => {
    const q = [
      { id: "d", kind: "date", label: label("Date", "Datum"), required: true },
    ] as unknown as Question[];
    const result = checkAnswers(q, { d: "15/03/2023" }, { measureCodes: new Set() } as never);
    expect(result.errors).toEqual([]);
    expect(result.value).toMatchObject({ d: "2023-03-15" });
  });
});

describe("tags", () => {
  it("explain 'text to verify' in the page's language, not the English staff note", () => {
    const fr = render("fr", h(ToVerifyTag, { show: true }));
    expect(fr).toContain("doit encore être vérifiée");
    const nl = render("nl", h(ToVerifyTag, { show: true }));
    expect(nl).toContain("moet nog door safe.brussels gecontroleerd worden");
    expect(nl).not.toMatch(/annex|report/i);
  });

  it("give one status one colour whatever the page", () => {
    expect(render("fr", h(StatusTag, { status: "COMPLETED", label: "Terminé" }))).toContain(
      "tag--green",
    );
    expect(render("fr", h(StatusTag, { status: "IN_PROGRESS", label: "En cours" }))).toContain(
      "tag--blue",
    );
  });
});

describe("plan codes", () => {
  it("use the Dutch abbreviations on Dutch pages", () => {
    expect(planCode("OS2", "nl")).toBe("SD2");
    expect(planCode("PA4", "nl")).toBe("AP4");
    expect(planCode("MT3", "nl")).toBe("TO3");
    expect(planCode("MT3", "fr")).toBe("MT3");
    expect(planCode("5.1", "nl")).toBe("5.1");
  });

  it("name the channels with Dutch names, not the French acronyms", () => {
    const names = [
      ...Object.values(nlPartners.channels),
      ...Object.values(nlPartners.channelsShort),
    ];
    expect(names.join(" ")).not.toMatch(/PBPP|FSE/);
    expect(names).toContain("BPBP");
  });
});

describe("section heading", () => {
  it("shortens a whole measure sentence and keeps the full text below", () => {
    const title =
      "Maatregel 5.1 – Gerichte communicatie-, sensibiliserings- en preventiecampagnes rond het thema organiseren en de verspreiding ervan bevorderen, met bijzondere aandacht voor jongeren";
    const split = splitLongTitle(title);
    expect(split?.short).toMatch(/^Maatregel 5\.1 – Gerichte .*…$/);
    expect(split!.short.length).toBeLessThan(60);
    expect(split?.full).toBe(title.slice("Maatregel 5.1 – ".length));
    const html = render("nl", h(SectionHeading, { title, status: "IN_PROGRESS" }));
    expect(html).toMatch(/<h1>Maatregel 5\.1 – Gerichte[^<]*…/);
    expect(html).toContain("met bijzondere aandacht voor jongeren</p>");
  });

  it("keeps short titles whole", () => {
    expect(splitLongTitle("Organisation")).toBeNull();
    expect(splitLongTitle("Mesure 1.1 – Sensibiliser")).toBeNull();
  });
});

describe("figure rows", () => {
  it("name each row's fields for screen readers", () => {
    const question = {
      id: "figures",
      kind: "figuresTable",
      label: label("Chiffres", "Cijfers"),
      required: false,
      maxRows: 5,
    } as unknown as Parameters<typeof FiguresTableField>[0]["question"];
    const ctx = {
      lang: "fr" as const,
      t: createTranslator("fr", resources.fr).fixedT("returns"),
      errors: {},
      register: null as never,
      readOnly: false,
      measures: [],
      attachments: [],
      attachmentUrl: () => "",
    };
    const value = [{ label: "Jeunes", value: "12", unit: "" }];
    const html = render("fr", h(FiguresTableField, { question, path: ["figures"], value, ctx }));
    expect(html).toContain('role="group"');
    expect(html).toMatch(/Libellé<span class="visually-hidden"> \(Chiffre 1\)<\/span>/);
    expect(html).toMatch(/Nombre<span class="visually-hidden"> \(Chiffre 2\)<\/span>/);
  });
});

describe("late submission", () => {
  it("is flagged when sent after the due date", () => {
    const due = new Date("2025-03-31T21:59:00Z");
    expect(sentLateMarker(new Date("2025-04-02T08:00:00Z"), due)).toBe("sentLate");
    expect(sentLateMarker(new Date("2025-03-30T08:00:00Z"), due)).toBeNull();
    expect(sentLateMarker(null, due)).toBeNull();
    expect(render("nl", h(DeadlineTag, { marker: "sentLate" }))).toContain("Te laat ingediend");
    expect(render("fr", h(DeadlineTag, { marker: "sentLate" }))).toContain("Envoyé en retard");
  });
});

describe("funding titles", () => {
  it("are marked with their own language on the other language's pages", () => {
    const fundings = [
      {
        id: "f1",
        channel: "FSE" as const,
        startYear: 2022,
        endYear: 2024,
        title: "FSE 2022-2024 – Contributions au PGSP",
        amountCents: null,
        measures: [],
        transversalMissions: [],
      },
    ];
    const nl = render(
      "nl",
      h(
        MemoryRouter,
        null,
        h(FundingList, { fundings, lang: "nl", titleLang: "fr", headingLevel: 3 }),
      ),
    );
    expect(nl).toContain('<h3 class="card__title" lang="fr">FSE 2022-2024');
    const fr = render(
      "fr",
      h(
        MemoryRouter,
        null,
        h(FundingList, { fundings, lang: "fr", titleLang: "fr", headingLevel: 3 }),
      ),
    );
    expect(fr).toContain('<h3 class="card__title">FSE 2022-2024');
  });
});

describe("Dutch working translation of the plan", () => {
  const measures = pgsp20212024.themes.flatMap((theme) => theme.measures);
  const nl = (code: string) => measures.find((m) => m.code === code)!.title.nl;

  it("uses one term per French term across measures", () => {
    for (const code of ["1.2", "1.5", "1.9"]) expect(nl(code)).toMatch(/intimidatie/);
    for (const code of ["5.2", "5.3", "5.4", "5.6", "5.7"])
      expect(nl(code)).toMatch(/vermogensdelict/);
    const all = measures.map((m) => m.title.nl).join(" ");
    expect(all).not.toMatch(/pesterij|aantasting(en)? van goederen/);
  });

  it("speaks of treating offenders, not of taking them in like victims (1.6)", () => {
    expect(nl("1.6")).toMatch(/begeleiding en de behandeling/);
    expect(nl("1.6")).not.toMatch(/opvang/);
  });

  it("stays marked as a working translation", () => {
    expect(pgsp20212024.dutchIsWorkingTranslation).toBe(true);
  });
});

describe("error summary", () => {
  it("is one component: title in the page language, links to fields, foreign text marked", () => {
    const html = render(
      "nl",
      h(ErrorSummaryBox, { items: [{ field: "text", text: "bad indentation", lang: "en" }] }),
    );
    expect(html).toContain('role="alert"');
    expect(html).toContain("Er is een probleem");
    expect(html).toContain('<a href="#text" lang="en">bad indentation</a>');
    const field = render(
      "fr",
      h(ErrorSummary, { errors: { email: "errors.emailRequired" }, ns: "auth" }),
    );
    expect(field).toContain('<a href="#email">Saisissez votre adresse e-mail</a>');
  });
});

describe("declaration", () => {
  const user = {
    displayName: "Camille Demaret",
    memberships: [{ organisationId: "org-1", jobTitle: "Fonctionnaire de prévention" }],
  };
  const ids = ["declarantName", "declarantRole", "remarks"];

  it("starts from the signed-in user's name and function", () => {
    expect(withDeclarant({}, { kind: "DECLARATION" }, ids, user, "org-1")).toEqual({
      declarantName: "Camille Demaret",
      declarantRole: "Fonctionnaire de prévention",
    });
  });

  it("never replaces what the partner typed, nor fills other sections", () => {
    expect(
      withDeclarant({ declarantName: "An Peeters" }, { kind: "DECLARATION" }, ids, user, "org-1"),
    ).toMatchObject({ declarantName: "An Peeters" });
    expect(withDeclarant({}, { kind: "ORGANISATION" }, ids, user, "org-1")).toEqual({});
    expect(withDeclarant({}, { kind: "DECLARATION" }, ids, user, "org-2")).toEqual({
      declarantName: "Camille Demaret",
    });
  });
});

describe("section titles of the default template", () => {
  // Section titles head the staff return page, its task list and its history lines as well as
  // the partner's pages: they name the subject ("Organisation…"), never address the reader.
  const parsed = parseTemplateFile(readFileSync(DEFAULT_TEMPLATE_FILE, "utf8"));
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  const addressesReader = { fr: /\b(votre|vos|vous)\b/i, nl: /\b(uw|u|je|jouw)\b/i };

  it.each(["fr", "nl"] as const)("read right on staff pages in %s", (lang) => {
    const titles = parsed.definition.sections.map((s) => s.title[lang]);
    expect(titles.filter((title) => addressesReader[lang].test(title))).toEqual([]);
  });
});
