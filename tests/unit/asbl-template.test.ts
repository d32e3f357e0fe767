// The call for projects' activity report (prisma/seed/templates/asbl-activity-report.yaml): the
// file the seed publishes must load as staff would load it, speak both languages everywhere a
// partner reads, and fit the flows built on templates (generated blocks, the declaration's
// prefill, the review and the central dataset, which read the funded measure's blocks).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ACTIVITY_REPORT_TEMPLATE_FILE } from "../../prisma/seed/returns";
import { planReturn } from "~/modules/campaigns/return-blocks";
import { checkAnswers } from "~/modules/questionnaires/check-answers";
import type { Question, TemplateDefinition } from "~/modules/questionnaires/definition";
import { parseTemplateFile } from "~/modules/questionnaires/template-file.server";

const text = readFileSync(ACTIVITY_REPORT_TEMPLATE_FILE, "utf8");

function load(): TemplateDefinition {
  const parsed = parseTemplateFile(text);
  if (!parsed.ok) throw new Error(parsed.errors.join("\n"));
  return parsed.definition;
}

/** Every {fr, nl}-shaped object of the raw file, with where it is. */
function bilingualTexts(node: unknown, where = "(root)"): { where: string; text: object }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => bilingualTexts(item, `${where}.${i}`));
  if (!node || typeof node !== "object") return [];
  const own = "fr" in node || "nl" in node ? [{ where, text: node }] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, value]) => bilingualTexts(value, `${where}.${key}`)),
  ];
}

function questionsOf(definition: TemplateDefinition): Question[] {
  return definition.sections.flatMap((s) =>
    s.questions.flatMap((q): Question[] =>
      q.kind === "repeatableGroup" ? [q, ...q.questions] : [q],
    ),
  );
}

describe("the ASBL activity-report template", () => {
  it("loads as a valid template file, under its own key", () => {
    const parsed = parseTemplateFile(text);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(load().key).toBe("asbl-activity-report");
  });

  it("gives every text in French and in Dutch, each written for its language", () => {
    const texts = bilingualTexts(parse(text));
    // Titles, descriptions, labels, hints, units, choices: nearly a hundred texts.
    expect(texts.length).toBeGreaterThan(90);
    for (const { where, text: pair } of texts) {
      expect(Object.keys(pair).sort(), where).toEqual(["fr", "nl"]);
      const { fr, nl } = pair as { fr: unknown; nl: unknown };
      expect(typeof fr === "string" && fr.trim().length > 0, `${where}.fr`).toBe(true);
      expect(typeof nl === "string" && nl.trim().length > 0, `${where}.nl`).toBe(true);
      // A text left untranslated reads the same in both: only a few words may (units, names).
      if (String(fr).length > 12) expect(nl, `${where} is not translated`).not.toBe(fr);
    }
    for (const question of questionsOf(load())) {
      expect(question.label.fr, question.id).not.toBe(question.label.nl);
    }
  });

  it("reports the project per funded measure, then the budget, the reports and the declaration", () => {
    const definition = load();
    expect(definition.sections.map((s) => [s.id, s.repeat])).toEqual([
      ["organisation", "once"],
      ["project", "fundedMeasure"],
      ["budget", "once"],
      ["documents", "once"],
      ["declaration", "once"],
    ]);
    expect(definition.sections[0]!.prefill).toBe("organisation");
    const ids = (id: string) =>
      definition.sections.find((s) => s.id === id)!.questions.map((q) => q.id);
    // The project block: objectives, activities, people reached with their breakdowns,
    // partners, difficulties and adjustments.
    expect(ids("project")).toEqual(
      expect.arrayContaining([
        "objectives",
        "actions",
        "peopleReached",
        "reachedUnder12",
        "reached65Plus",
        "reachedWomen",
        "reachedMen",
        "reachedByCommune",
        "partners",
        "difficulties",
        "adjustments",
      ]),
    );
    expect(ids("budget")).toEqual(
      expect.arrayContaining(["grantReceived", "amountSpent", "fullySpent", "balanceExplanation"]),
    );
    // The declaration's signatory starts from the signed-in user (returns/declaration.ts).
    expect(ids("declaration")).toEqual(
      expect.arrayContaining(["declarantName", "declarantRole", "confirmation"]),
    );
  });

  it("asks for the activity and financial reports as files, and explains an unspent balance", () => {
    const definition = load();
    const documents = definition.sections.find((s) => s.id === "documents")!;
    const ctx = (files: Record<string, string[]>) => ({
      measureCodes: new Set<string>(),
      attachmentsByQuestion: new Map(Object.entries(files)),
    });
    const missing = checkAnswers(documents.questions, {}, ctx({ activityReport: ["a1"] }));
    expect(missing.errors.map((e) => e.path)).toEqual([["financialReport"]]);
    const both = checkAnswers(
      documents.questions,
      {},
      ctx({ activityReport: ["a1"], financialReport: ["f1"] }),
    );
    expect(both.errors).toEqual([]);

    const budget = definition.sections.find((s) => s.id === "budget")!;
    const spent = { grantReceived: "40000", amountSpent: "36500,50" };
    const unexplained = checkAnswers(budget.questions, { ...spent, fullySpent: "no" }, ctx({}));
    expect(unexplained.errors.map((e) => e.path)).toEqual([["balanceExplanation"]]);
    const allSpent = checkAnswers(budget.questions, { ...spent, fullySpent: "yes" }, ctx({}));
    expect(allSpent.errors).toEqual([]);
    expect(allSpent.value).toMatchObject({ amountSpent: 36500.5, fullySpent: true });
  });

  it("gives a non-profit with two funded measures its blocks in the task list's order", () => {
    const definition = load();
    const measures = [
      { id: "m14", code: "1.4", order: 104 },
      { id: "m22", code: "2.2", order: 202 },
    ];
    const planned = planReturn(
      {
        organisation: {
          id: "org",
          nameFr: "ASBL",
          nameNl: "vzw",
          kind: "NON_PROFIT",
          preferredLanguage: "nl",
        },
        contactCount: 1,
        fundings: [
          {
            id: "f1",
            title: "Project 2023",
            channel: "ASBL_CALL",
            measures: [
              { measureId: "m22", link: "SECONDARY" },
              { measureId: "m14", link: "PRIMARY" },
            ],
            missions: [],
          },
        ],
        existingReturn: null,
      },
      { year: 2023, definition, measures },
    );
    expect(planned.warnings).toEqual([]);
    expect(planned.blocks.map((b) => [b.kind, b.templateSection, b.measureCode ?? null])).toEqual([
      ["ORGANISATION", "organisation", null],
      ["FUNDED_MEASURE", "project", "1.4"],
      ["FUNDED_MEASURE", "project", "2.2"],
      ["DECLARATION", "budget", null],
      ["DECLARATION", "documents", null],
      ["DECLARATION", "declaration", null],
    ]);
  });
});
