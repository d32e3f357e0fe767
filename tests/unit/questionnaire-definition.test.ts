// The questionnaire definition language: what a template file may say, how precisely its
// problems are reported, and that one definition validates answers identically in the browser
// (react-hook-form's zod resolver) and in the action (checkAnswers on the posted form).
import { readFileSync } from "node:fs";
import { zodResolver } from "@hookform/resolvers/zod";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { DEFAULT_TEMPLATE_FILE } from "../../prisma/seed/returns";
import {
  checkAnswers,
  sectionAnswersSchema,
  type ValidationContext,
} from "~/modules/questionnaires/check-answers";
import type { SectionDefinition } from "~/modules/questionnaires/definition";
import { flattenErrors } from "~/modules/questionnaires/components/form-errors";
import { parseTemplateFile } from "~/modules/questionnaires/template-file.server";
import { postedAnswers } from "~/modules/returns/section-form.server";

const label = (text: string) => ({ fr: `${text} (fr)`, nl: `${text} (nl)` });

/** A small valid template as plain data; each test breaks one thing and writes it as YAML. */
function baseTemplate() {
  return {
    key: "test-template",
    title: label("Titre"),
    sections: [
      {
        id: "main",
        repeat: "once",
        title: label("Section"),
        questions: [
          {
            id: "status",
            kind: "singleChoice",
            label: label("Status"),
            choices: [
              { value: "done", label: label("Done") },
              { value: "partly", label: label("Partly") },
            ],
          },
          { id: "count", kind: "integer", min: 0, max: 10, label: label("Count") },
        ],
      },
    ],
  };
}
type Template = ReturnType<typeof baseTemplate>;

function parseWith(change: (template: Template) => void) {
  const template = baseTemplate();
  change(template);
  return parseTemplateFile(stringify(template));
}

function errorsOf(result: ReturnType<typeof parseTemplateFile>) {
  expect(result.ok, "the file is refused").toBe(false);
  return result.ok ? [] : result.errors;
}

const questionsOf = (template: Template) => template.sections[0]!.questions as unknown[];

describe("template files", () => {
  it("the default template parses, with its YAML anchors resolved", () => {
    const result = parseTemplateFile(readFileSync(DEFAULT_TEMPLATE_FILE, "utf8"));
    if (!result.ok) throw new Error(result.errors.join("\n"));
    const { definition } = result;
    expect(definition.key).toBe("pgsp-annual-return");
    expect(definition.sections.map((s) => [s.id, s.repeat])).toEqual([
      ["organisation", "once"],
      ["contribution", "fundedMeasure"],
      ["otherContribution", "otherContribution"],
      ["transversalMission", "transversalMission"],
      ["declaration", "once"],
    ]);
    const contribution = definition.sections[1]!;
    expect(definition.sections[2]!.questions).toEqual(contribution.questions);
    // Defaults are filled in: the stored definition is explicit.
    const status = contribution.questions.find((q) => q.id === "status")!;
    expect(status.required).toBe(true);
    expect(contribution.questions.find((q) => q.id === "targetDetails")!.required).toBe(false);
  });

  it("a small valid template parses, from YAML and from JSON alike", () => {
    const yaml = parseTemplateFile(stringify(baseTemplate()));
    const json = parseTemplateFile(JSON.stringify(baseTemplate(), null, 2));
    expect(yaml.ok && json.ok).toBe(true);
    expect(yaml).toEqual(json);
  });

  it("a YAML syntax error gives its line and column", () => {
    const text = [
      "key: test-template",
      "title:",
      "  fr: Titre",
      "\tnl: Titel", // a tab as indentation
      "sections: []",
    ].join("\n");
    const errors = errorsOf(parseTemplateFile(text));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^line 4, column 1: Tabs are not allowed as indentation/);
  });

  it("a JSON syntax error gives its line and column", () => {
    const text =
      '{\n  "key": "test-template",\n  "title": { "fr": "T", "nl": "T" },\n  "sections": [\n}\n';
    const errors = errorsOf(parseTemplateFile(text));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^line 5, column 1: /);
  });

  it("a duplicate key in the file is an error, not a silent overwrite", () => {
    const errors = errorsOf(parseTemplateFile("key: one\nkey: two\n"));
    expect(errors[0]).toMatch(/^line 2, column 1: Map keys must be unique/);
  });

  it("an unknown kind of question is reported at its path", () => {
    const errors = errorsOf(
      parseWith((t) => {
        questionsOf(t).push({ id: "rating", kind: "slider", label: label("Rating") });
      }),
    );
    expect(errors).toEqual([expect.stringMatching(/^sections\.0\.questions\.2\.kind: /)]);
  });

  it("a missing Dutch label is reported at …label.nl, every one of them", () => {
    const errors = errorsOf(
      parseWith((t) => {
        const questions = t.sections[0]!.questions;
        questions[0]!.label = { fr: "Statut" } as never;
        questions[0]!.choices![1]!.label = { fr: "En partie" } as never;
        questions[1]!.label = { fr: "Nombre", nl: "  " };
      }),
    );
    expect(errors).toEqual([
      expect.stringMatching(/^sections\.0\.questions\.0\.label\.nl: /),
      expect.stringMatching(/^sections\.0\.questions\.0\.choices\.1\.label\.nl: /),
      expect.stringMatching(/^sections\.0\.questions\.1\.label\.nl: /),
    ]);
  });

  it("a duplicate question id is reported at the second one", () => {
    const errors = errorsOf(
      parseWith((t) => {
        questionsOf(t).push({ id: "count", kind: "shortText", label: label("Again") });
      }),
    );
    expect(errors).toEqual(['sections.0.questions.2.id: duplicate question id "count"']);
  });

  it("visibleWhen must point at an earlier question of the same section", () => {
    const later = errorsOf(
      parseWith((t) => {
        Object.assign(t.sections[0]!.questions[0]!, {
          visibleWhen: { question: "count", equals: "3" },
        });
      }),
    );
    expect(later).toEqual([
      'sections.0.questions.0.visibleWhen.question: visibleWhen must name an earlier question of the same section ("count")',
    ]);
    const unknown = errorsOf(
      parseWith((t) => {
        Object.assign(t.sections[0]!.questions[1]!, {
          visibleWhen: { question: "nowhere", equals: "done" },
        });
      }),
    );
    expect(unknown).toEqual([
      'sections.0.questions.1.visibleWhen.question: visibleWhen must name an earlier question of the same section ("nowhere")',
    ]);
  });

  it("visibleWhen on a choice must use one of its values", () => {
    const errors = errorsOf(
      parseWith((t) => {
        Object.assign(t.sections[0]!.questions[1]!, {
          visibleWhen: { question: "status", equals: ["partly", "finished"] },
        });
      }),
    );
    expect(errors).toEqual([
      'sections.0.questions.1.visibleWhen.equals: "partly,finished" is not a choice of "status"',
    ]);
  });

  it("min greater than max is refused", () => {
    const errors = errorsOf(
      parseWith((t) => {
        Object.assign(t.sections[0]!.questions[1]!, { min: 20, max: 10 });
      }),
    );
    expect(errors).toEqual(["sections.0.questions.1.min: min is greater than max"]);
  });
});

// ---------------------------------------------------------------------------------------------
// One definition, one validation: browser and server agree on every tricky input.

const defaultTemplate = (() => {
  const result = parseTemplateFile(readFileSync(DEFAULT_TEMPLATE_FILE, "utf8"));
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.definition;
})();
const contribution = defaultTemplate.sections.find((s) => s.id === "contribution")!;
const ctx: ValidationContext = { measureCodes: new Set(["1.1", "5.1", "6.1"]) };

type Errors = { path: (string | number)[]; message: string }[];

/** The action's path: a plain (no-JavaScript) form post, parsed as the action parses it. */
function serverErrors(section: SectionDefinition, entries: [string, string][]): Errors {
  const form = new FormData();
  for (const [name, value] of entries) form.append(name, value);
  return checkAnswers(section.questions, postedAnswers(form, section.questions), ctx).errors;
}

/** The issues of the zod schema that react-hook-form uses in the browser. */
function schemaIssues(section: SectionDefinition, values: Record<string, unknown>): Errors {
  const result = sectionAnswersSchema(section.questions, ctx).safeParse(values);
  return result.success
    ? []
    : result.error.issues.map((issue) => ({
        path: issue.path as (string | number)[],
        message: issue.message,
      }));
}

/** What react-hook-form gets from its resolver, flattened to { "figures.0.value": message }. */
async function resolverErrors(section: SectionDefinition, values: Record<string, unknown>) {
  const resolver = zodResolver(sectionAnswersSchema(section.questions, ctx));
  const result = await resolver(values, undefined, {
    fields: {},
    shouldUseNativeValidation: false,
  });
  // The same flattening as the form (its error summary and fields read these paths).
  return flattenErrors(result.errors);
}

/** First message per path: react-hook-form keeps one error per field. */
function firstPerPath(errors: Errors) {
  const out: Record<string, string> = {};
  for (const error of errors) out[error.path.join(".")] ??= error.message;
  return out;
}

interface Case {
  name: string;
  /** What react-hook-form holds (text inputs are strings, a checkbox group an array, …). */
  client: Record<string, unknown>;
  /** What the same inputs post without JavaScript (dot-path names, one entry per checkbox). */
  posted: [string, string][];
  /** The errors both sides must report, in order. */
  expected: Errors;
}

const valid = {
  client: {
    status: "done",
    actions: "Nous avons organisé des ateliers dans trois quartiers.",
    targetPublics: ["youth"],
  },
  posted: [
    ["status", "done"],
    ["actions", "Nous avons organisé des ateliers dans trois quartiers."],
    ["targetPublics", "youth"],
  ] as [string, string][],
};

const cases: Case[] = [
  {
    name: "valid answers",
    client: valid.client,
    posted: valid.posted,
    expected: [],
  },
  {
    name: "everything empty: each required question, nothing hidden",
    client: { status: null, actions: "", targetPublics: [], peopleReached: "", figures: [] },
    posted: [
      ["actions", ""],
      ["peopleReached", ""],
    ],
    expected: [
      { path: ["status"], message: "errors.choiceRequired" },
      { path: ["actions"], message: "errors.required" },
      { path: ["targetPublics"], message: "errors.choicesRequired" },
    ],
  },
  {
    name: 'blank text ("   ") counts as empty',
    client: { ...valid.client, actions: "   " },
    posted: [...valid.posted.filter(([n]) => n !== "actions"), ["actions", "   "]],
    expected: [{ path: ["actions"], message: "errors.required" }],
  },
  {
    name: 'decimal "12,5" (Belgian comma) is accepted',
    client: { ...valid.client, staffFte: "12,5" },
    posted: [...valid.posted, ["staffFte", "12,5"]],
    expected: [],
  },
  {
    name: 'decimal "12,555" has too many decimals',
    client: { ...valid.client, staffFte: "12,555" },
    posted: [...valid.posted, ["staffFte", "12,555"]],
    expected: [{ path: ["staffFte"], message: "errors.decimals?decimals=2" }],
  },
  {
    name: 'integer "abc" is not a number',
    client: { ...valid.client, peopleReached: "abc" },
    posted: [...valid.posted, ["peopleReached", "abc"]],
    expected: [{ path: ["peopleReached"], message: "errors.integer" }],
  },
  {
    name: 'integer "1 250" (space as thousands separator) is accepted',
    client: { ...valid.client, peopleReached: "1 250" },
    posted: [...valid.posted, ["peopleReached", "1 250"]],
    expected: [],
  },
  {
    name: "a figures row with a label but no value is refused at that cell",
    client: { ...valid.client, figures: [{ label: "Réunions", value: "", unit: "" }] },
    posted: [
      ...valid.posted,
      ["figures.0.label", "Réunions"],
      ["figures.0.value", ""],
      ["figures.0.unit", ""],
    ],
    expected: [{ path: ["figures", 0, "value"], message: "errors.figureValue" }],
  },
  {
    name: "a figures row with a value that is not a number, after a valid row",
    client: {
      ...valid.client,
      figures: [
        { label: "Réunions", value: "12", unit: "" },
        { label: "Budget", value: "beaucoup", unit: "€" },
      ],
    },
    posted: [
      ...valid.posted,
      ["figures.0.label", "Réunions"],
      ["figures.0.value", "12"],
      ["figures.1.label", "Budget"],
      ["figures.1.value", "beaucoup"],
      ["figures.1.unit", "€"],
    ],
    expected: [{ path: ["figures", 1, "value"], message: "errors.number" }],
  },
  {
    name: "a hidden conditional question is not required",
    client: { ...valid.client, status: "done", statusReason: "" },
    posted: [...valid.posted, ["statusReason", ""]],
    expected: [],
  },
  {
    name: "the same conditional question, shown, is required",
    client: { ...valid.client, status: "partly", statusReason: "" },
    posted: [
      ...valid.posted.filter(([n]) => n !== "status"),
      ["status", "partly"],
      ["statusReason", ""],
    ],
    expected: [{ path: ["statusReason"], message: "errors.required" }],
  },
  {
    name: "a measure outside the plan and a choice outside the list are refused",
    client: { ...valid.client, relatedMeasures: ["5.1", "99.9"], targetPublics: ["aliens"] },
    posted: [
      ...valid.posted.filter(([n]) => n !== "targetPublics"),
      ["targetPublics", "aliens"],
      ["relatedMeasures", "5.1"],
      ["relatedMeasures", "99.9"],
    ],
    expected: [
      { path: ["targetPublics"], message: "errors.choiceInvalid" },
      { path: ["relatedMeasures"], message: "errors.measureInvalid" },
    ],
  },
];

describe("one definition, the same validation in the browser and in the action", () => {
  it.each(cases)("$name", async ({ client, posted, expected }) => {
    const server = serverErrors(contribution, posted);
    expect(server).toEqual(expected);
    // The schema react-hook-form runs: same paths, same messages, same order.
    expect(schemaIssues(contribution, client)).toEqual(server);
    // And what the resolver hands to react-hook-form: the same fields in error.
    expect(await resolverErrors(contribution, client)).toEqual(firstPerPath(server));
  });

  it('Belgian thousands "1.250" give the same result on both sides, never a silent 1.25', async () => {
    const client = { ...valid.client, peopleReached: "1.250" };
    const posted: [string, string][] = [...valid.posted, ["peopleReached", "1.250"]];
    const server = serverErrors(contribution, posted);
    expect(schemaIssues(contribution, client)).toEqual(server);
    expect(await resolverErrors(contribution, client)).toEqual(firstPerPath(server));
    const form = new FormData();
    for (const [name, value] of posted) form.append(name, value);
    const { value } = checkAnswers(
      contribution.questions,
      postedAnswers(form, contribution.questions),
      ctx,
    );
    // Either read as 1250 or refused as "not a whole number": a people count is never 1.25.
    expect([1250, null]).toContain(value.peopleReached);
    if (value.peopleReached === null)
      expect(server).toEqual([{ path: ["peopleReached"], message: "errors.integer" }]);
  });

  it("checked values are typed: numbers, booleans, rows", () => {
    const form = new FormData();
    for (const [name, value] of [
      ...valid.posted,
      ["staffFte", "12,5"],
      ["peopleReached", "1 250"],
      ["figures.0.label", "Réunions"],
      ["figures.0.value", "12"],
      ["figures.0.unit", "réunions"],
    ] as [string, string][])
      form.append(name, value);
    const { value, errors } = checkAnswers(
      contribution.questions,
      postedAnswers(form, contribution.questions),
      ctx,
    );
    expect(errors).toEqual([]);
    expect(value).toMatchObject({
      staffFte: 12.5,
      peopleReached: 1250,
      figures: [{ label: "Réunions", value: 12, unit: "réunions" }],
    });
  });

  it("a repeatable group reports errors inside each item, on both sides", async () => {
    const organisation = defaultTemplate.sections.find((s) => s.id === "organisation")!;
    const client = {
      organisationName: "Zone de police",
      contacts: [
        { name: "Camille", email: "camille@example.org", role: "" },
        { name: "", email: "", role: "Coordinateur" },
      ],
      detailsConfirmed: "no",
      corrections: "",
    };
    const posted: [string, string][] = [
      ["organisationName", "Zone de police"],
      ["contacts.0.name", "Camille"],
      ["contacts.0.email", "camille@example.org"],
      ["contacts.1.name", ""],
      ["contacts.1.email", ""],
      ["contacts.1.role", "Coordinateur"],
      ["detailsConfirmed", "no"],
      ["corrections", ""],
    ];
    const server = serverErrors(organisation, posted);
    expect(server).toEqual([
      { path: ["contacts", 1, "name"], message: "errors.required" },
      { path: ["contacts", 1, "email"], message: "errors.required" },
      { path: ["corrections"], message: "errors.required" },
    ]);
    expect(schemaIssues(organisation, client)).toEqual(server);
    expect(await resolverErrors(organisation, client)).toEqual(firstPerPath(server));
  });
});
