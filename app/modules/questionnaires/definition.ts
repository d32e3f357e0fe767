// The questionnaire definition language: a template is typed data. One definition gives
// the form UI, the validation schema (the same in the browser and in the action) and the
// shape of the stored answers. Every text a partner reads is bilingual ({fr, nl}).
import { z } from "zod";

export const bilingualText = z.strictObject({
  fr: z.string().trim().min(1),
  nl: z.string().trim().min(1),
});
export type BilingualText = z.infer<typeof bilingualText>;

const questionId = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]{0,39}$/, "ids are camelCase letters and digits, starting lower-case");

/** Show a question only when another question of the same section (or group) has a value. */
const visibleWhen = z
  .object({
    question: questionId,
    /** A value, or a list of values any of which shows the question. */
    equals: z.union([z.string(), z.boolean(), z.array(z.string()).min(1)]),
  })
  .strict();

const base = {
  id: questionId,
  label: bilingualText,
  hint: bilingualText.optional(),
  required: z.boolean().default(false),
  visibleWhen: visibleWhen.optional(),
};

const choice = z
  .object({ value: z.string().regex(/^[a-z0-9_-]{1,40}$/), label: bilingualText })
  .strict();

export const shortTextQuestion = z
  .object({
    ...base,
    kind: z.literal("shortText"),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(500).default(200),
  })
  .strict();
export const longTextQuestion = z
  .object({
    ...base,
    kind: z.literal("longText"),
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(20_000).default(5_000),
  })
  .strict();
export const integerQuestion = z
  .object({
    ...base,
    kind: z.literal("integer"),
    min: z.number().int().optional(),
    max: z.number().int().optional(),
    unit: bilingualText.optional(),
  })
  .strict();
export const decimalQuestion = z
  .object({
    ...base,
    kind: z.literal("decimal"),
    min: z.number().optional(),
    max: z.number().optional(),
    decimals: z.number().int().min(1).max(4).default(2),
    unit: bilingualText.optional(),
  })
  .strict();
export const dateQuestion = z
  .object({
    ...base,
    kind: z.literal("date"),
    min: z.iso.date().optional(),
    max: z.iso.date().optional(),
  })
  .strict();
export const yesNoQuestion = z.object({ ...base, kind: z.literal("yesNo") }).strict();
export const singleChoiceQuestion = z
  .object({ ...base, kind: z.literal("singleChoice"), choices: z.array(choice).min(2) })
  .strict();
export const multipleChoiceQuestion = z
  .object({
    ...base,
    kind: z.literal("multipleChoice"),
    choices: z.array(choice).min(1),
    minSelected: z.number().int().min(0).optional(),
    maxSelected: z.number().int().min(1).optional(),
  })
  .strict();
export const measurePickerQuestion = z
  .object({ ...base, kind: z.literal("measurePicker"), multiple: z.boolean().default(true) })
  .strict();
export const figuresTableQuestion = z
  .object({
    ...base,
    kind: z.literal("figuresTable"),
    maxRows: z.number().int().min(1).max(50).default(20),
  })
  .strict();
export const attachmentsQuestion = z
  .object({
    ...base,
    kind: z.literal("attachments"),
    maxFiles: z.number().int().min(1).max(10).default(5),
  })
  .strict();

const simpleQuestion = z.discriminatedUnion("kind", [
  shortTextQuestion,
  longTextQuestion,
  integerQuestion,
  decimalQuestion,
  dateQuestion,
  yesNoQuestion,
  singleChoiceQuestion,
  multipleChoiceQuestion,
  measurePickerQuestion,
  figuresTableQuestion,
  attachmentsQuestion,
]);

export const repeatableGroupQuestion = z
  .object({
    ...base,
    kind: z.literal("repeatableGroup"),
    itemLabel: bilingualText,
    minItems: z.number().int().min(0).default(0),
    maxItems: z.number().int().min(1).max(50).default(10),
    // Attachments inside a group would need per-item storage: not needed so far.
    questions: z
      .array(
        simpleQuestion.refine((q) => q.kind !== "attachments", "attachments cannot be repeated"),
      )
      .min(1),
  })
  .strict();

export const question = z.discriminatedUnion("kind", [
  ...simpleQuestion.options,
  repeatableGroupQuestion,
]);

export type Question = z.infer<typeof question>;
export type SimpleQuestion = z.infer<typeof simpleQuestion>;
export type QuestionKind = Question["kind"];

/**
 * What a section repeats over in a generated return:
 * - once: one instance (A organisation, E declaration);
 * - fundedMeasure: one per funding × linked measure (B), and per channel-rule measure;
 * - otherContribution: one per measure the partner adds (C);
 * - transversalMission: one per transversal mission the fundings name (D).
 */
export const sectionRepeat = z.enum([
  "once",
  "fundedMeasure",
  "otherContribution",
  "transversalMission",
]);
export type SectionRepeat = z.infer<typeof sectionRepeat>;

export const sectionDefinition = z
  .object({
    id: questionId,
    repeat: sectionRepeat,
    title: bilingualText,
    description: bilingualText.optional(),
    /** Prefill this section's answers from the organisation record (section A). */
    prefill: z.enum(["organisation"]).optional(),
    questions: z.array(question).min(1),
  })
  .strict();
export type SectionDefinition = z.infer<typeof sectionDefinition>;

/** Rules per funding channel, e.g. police zones must report on 5.1 and 6.1 from 2022. */
export const channelRule = z
  .object({
    channel: z.enum(["FSE", "PBPP", "LISA", "REGIONAL", "ASBL_CALL", "ASBL_OUTSIDE_CALL"]),
    fromYear: z.number().int(),
    requiredMeasures: z.array(z.string().regex(/^\d+\.\d+$/)).min(1),
  })
  .strict();

export const templateDefinition = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{3,60}$/),
    title: bilingualText,
    description: bilingualText.optional(),
    channelRules: z.array(channelRule).default([]),
    sections: z.array(sectionDefinition).min(1),
  })
  .strict()
  .superRefine((template, ctx) => {
    const sectionIds = new Set<string>();
    template.sections.forEach((section, s) => {
      if (sectionIds.has(section.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["sections", s, "id"],
          message: `duplicate section id "${section.id}"`,
        });
      }
      sectionIds.add(section.id);
      checkQuestions(section.questions, ["sections", s, "questions"], ctx);
    });
    for (const repeat of [
      "once",
      "fundedMeasure",
      "otherContribution",
      "transversalMission",
    ] as const) {
      if (repeat !== "once" && template.sections.filter((s) => s.repeat === repeat).length > 1) {
        ctx.addIssue({
          code: "custom",
          path: ["sections"],
          message: `only one section may repeat over "${repeat}"`,
        });
      }
    }
  });
export type TemplateDefinition = z.infer<typeof templateDefinition>;

function checkQuestions(questions: Question[], path: (string | number)[], ctx: z.RefinementCtx) {
  const ids = new Map<string, Question>();
  questions.forEach((q, i) => {
    if (ids.has(q.id))
      ctx.addIssue({
        code: "custom",
        path: [...path, i, "id"],
        message: `duplicate question id "${q.id}"`,
      });
    ids.set(q.id, q);
  });
  questions.forEach((q, i) => {
    if (q.visibleWhen) {
      const target = ids.get(q.visibleWhen.question);
      const index = questions.findIndex((other) => other.id === q.visibleWhen!.question);
      if (!target || index >= i) {
        ctx.addIssue({
          code: "custom",
          path: [...path, i, "visibleWhen", "question"],
          message: `visibleWhen must name an earlier question of the same section ("${q.visibleWhen.question}")`,
        });
      } else if (target.kind === "yesNo" && typeof q.visibleWhen.equals !== "boolean") {
        ctx.addIssue({
          code: "custom",
          path: [...path, i, "visibleWhen", "equals"],
          message: "a yes/no question is compared with true or false",
        });
      } else if (
        (target.kind === "singleChoice" || target.kind === "multipleChoice") &&
        [q.visibleWhen.equals].flat().some((v) => !target.choices.some((c) => c.value === v))
      ) {
        ctx.addIssue({
          code: "custom",
          path: [...path, i, "visibleWhen", "equals"],
          message: `"${String(q.visibleWhen.equals)}" is not a choice of "${target.id}"`,
        });
      }
    }
    if ("min" in q && "max" in q && q.min != null && q.max != null && q.min > q.max) {
      ctx.addIssue({
        code: "custom",
        path: [...path, i, "min"],
        message: "min is greater than max",
      });
    }
    if (q.kind === "repeatableGroup") {
      if (q.minItems > q.maxItems)
        ctx.addIssue({
          code: "custom",
          path: [...path, i, "minItems"],
          message: "minItems is greater than maxItems",
        });
      checkQuestions(q.questions, [...path, i, "questions"], ctx);
    }
  });
}

/** Human-readable list of problems, each with its path in the file ("sections.1.questions.0.kind: ..."). */
export function formatDefinitionIssues(error: z.ZodError): string[] {
  return error.issues.map(
    (issue) => `${issue.path.length ? issue.path.join(".") : "(root)"}: ${issue.message}`,
  );
}
